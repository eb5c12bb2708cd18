package io.issuegraph.issue;

import static io.issuegraph.testsupport.GraphQlErrors.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.identity.standin.GoTrueStandIn;
import io.issuegraph.testsupport.IntegrationTest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** Listing: order, every filter, keyset pagination to the last page, and bad paging input. */
class IssueListTest extends IntegrationTest {

    // language=GraphQL
    private static final String PAGE = """
            query ($first: Int, $after: String, $filter: IssueFilter) {
              issues(first: $first, after: $after, filter: $filter) {
                edges { cursor node { id title status assignee { id email } } }
                pageInfo { hasNextPage endCursor }
              }
            }""";

    private GoTrueStandIn.User alice;
    private GoTrueStandIn.User bob;
    /** Ids in creation order. */
    private final List<String> created = new ArrayList<>();
    private final Map<String, String> statusOf = new java.util.HashMap<>();
    private final Map<String, String> assigneeOf = new java.util.HashMap<>();

    @BeforeAll
    void createIssues() {
        alice = newUser("Alice");
        bob = newUser("Bob");
        String[] statuses = {"TODO", "IN_PROGRESS", "DONE"};
        for (int i = 0; i < 25; i++) {
            GoTrueStandIn.User author = i % 3 == 0 ? bob : alice;
            String status = statuses[i % statuses.length];
            String id = as(author)
                    .document("mutation ($t: String!, $s: IssueStatus) { createIssue(input: {title: $t, status: $s}) { id } }")
                    .variable("t", "Issue " + i).variable("s", status).execute()
                    .path("createIssue.id").entity(String.class).get();
            created.add(id);
            statusOf.put(id, status);
            assigneeOf.put(id, author.id());
        }
    }

    @Test
    void listsNewestFirstWithADefaultPageOfTwenty() {
        var page = page(as(alice), null, null, null);
        assertThat(page.ids()).hasSize(20).isEqualTo(reversed(created).subList(0, 20));
        assertThat(page.hasNextPage()).isTrue();
    }

    @Test
    void pagesThroughEverythingWithoutGapsOrDuplicates() {
        assertThat(allPages(as(alice), 4, null)).isEqualTo(reversed(created));
        assertThat(allPages(as(alice), 1, null)).isEqualTo(reversed(created));
        assertThat(allPages(as(alice), 100, null)).isEqualTo(reversed(created));
    }

    @Test
    void theLastPageSaysSoAndAnEmptyPageHasNoCursor() {
        var last = page(as(alice), 25, null, null);
        assertThat(last.ids()).hasSize(25);
        assertThat(last.hasNextPage()).isFalse();
        var afterLast = page(as(alice), 5, last.endCursor(), null);
        assertThat(afterLast.ids()).isEmpty();
        assertThat(afterLast.hasNextPage()).isFalse();
        assertThat(afterLast.endCursor()).isNull();
    }

    @Test
    void filtersByStatus() {
        for (List<String> wanted : List.of(List.of("TODO"), List.of("DONE", "IN_PROGRESS"), List.of("TODO", "IN_PROGRESS", "DONE"))) {
            List<String> expected = reversed(created).stream().filter(id -> wanted.contains(statusOf.get(id))).toList();
            assertThat(allPages(as(alice), 3, Map.of("status", wanted))).isEqualTo(expected);
        }
        assertThat(allPages(as(alice), 3, Map.of("status", List.of()))).isEmpty();
    }

    @Test
    void filtersByAssignee() {
        List<String> bobs = reversed(created).stream().filter(id -> assigneeOf.get(id).equals(bob.id())).toList();
        List<String> alices = reversed(created).stream().filter(id -> assigneeOf.get(id).equals(alice.id())).toList();

        assertThat(allPages(as(bob), 2, Map.of("assignedToMe", true))).isEqualTo(bobs);
        assertThat(allPages(as(alice), 5, Map.of("assignedToMe", true))).isEqualTo(alices);
        assertThat(allPages(as(alice), 5, Map.of("assignedToMe", false))).isEqualTo(reversed(created));
        assertThat(allPages(as(alice), 5, Map.of("assigneeEmail", bob.email()))).isEqualTo(bobs);
        assertThat(allPages(as(alice), 5, Map.of("assigneeEmail", bob.email().toUpperCase()))).isEmpty();
        assertThat(allPages(as(alice), 5, Map.of("assigneeEmail", "nobody@example.com"))).isEmpty();
    }

    @Test
    void combinesFilters() {
        List<String> expected = reversed(created).stream()
                .filter(id -> assigneeOf.get(id).equals(alice.id()) && !statusOf.get(id).equals("DONE")).toList();
        assertThat(allPages(as(alice), 2, Map.of("assignedToMe", true, "status", List.of("TODO", "IN_PROGRESS"),
                "assigneeEmail", alice.email()))).isEqualTo(expected);
    }

    @Test
    void countsOnlyWhenAskedAndHonoursTheFilter() {
        as(alice).document("{ issues(first: 1) { totalCount } }").execute()
                .path("issues.totalCount").entity(Integer.class).isEqualTo(25);
        long done = created.stream().filter(id -> statusOf.get(id).equals("DONE")).count();
        as(alice).document("{ issues(first: 1, filter: {status: [DONE]}) { totalCount } }").execute()
                .path("issues.totalCount").entity(Long.class).isEqualTo(done);
    }

    @Test
    void pagesStayConsistentWhileOthersAddIssues() throws Exception {
        HttpGraphQlTester aliceTester = as(alice);
        var stop = new AtomicBoolean();
        List<String> addedMeanwhile = java.util.Collections.synchronizedList(new ArrayList<>());
        // A thread of its own: blocking the common pool (one worker on two cores) would starve the HTTP
        // client's own continuations there.
        ExecutorService writerThread = Executors.newSingleThreadExecutor();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            HttpGraphQlTester bobTester = as(bob);
            while (!stop.get() && addedMeanwhile.size() < 30) {
                addedMeanwhile.add(bobTester.document("mutation { createIssue(input: {title: \"meanwhile\"}) { id } }")
                        .execute().path("createIssue.id").entity(String.class).get());
            }
        }, writerThread);
        try {
            var first = page(aliceTester, 5, null, null);
            List<String> seen = new ArrayList<>(first.ids());
            String cursor = first.endCursor();
            boolean more = first.hasNextPage();
            while (more) {
                var next = page(aliceTester, 5, cursor, null);
                seen.addAll(next.ids());
                cursor = next.endCursor();
                more = next.hasNextPage();
            }
            // Everything that existed when paging began, once each, in order; nothing added later slips in.
            int startIndex = reversed(created).indexOf(first.ids().get(first.ids().size() - 1)) - first.ids().size() + 1;
            assertThat(new HashSet<>(seen)).hasSameSizeAs(seen);
            assertThat(seen.subList(first.ids().size(), seen.size()))
                    .isEqualTo(reversed(created).subList(startIndex + first.ids().size(), created.size()));
        } finally {
            stop.set(true);
            writerThread.shutdown();
            try {
                writer.get();
            } finally {
                addedMeanwhile.forEach(id -> jdbc.sql("DELETE FROM issues WHERE id = ?").param(Long.parseLong(id)).update());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 101, Integer.MIN_VALUE})
    void refusesPageSizesOutsideOneToAHundred(int first) {
        expectError(as(alice).document(PAGE).variable("first", first), ErrorType.BAD_REQUEST,
                "first must be between 1 and 100");
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "", "%%%", "aXNzdWU6", "aXNzdWU6LTE", "aXNzdWU6YWJj", "MTIz"})
    void refusesCursorsItDidNotMake(String cursor) {
        expectError(as(alice).document(PAGE).variable("after", cursor), ErrorType.BAD_REQUEST,
                "after must be the endCursor of a previous page");
    }

    @Test
    void cursorsAreOpaqueButStable() {
        var page = page(as(alice), 2, null, null);
        assertThat(page.endCursor()).doesNotContain(page.ids().get(1));
        assertThat(new String(Base64.getUrlDecoder().decode(page.endCursor()))).endsWith(page.ids().get(1));
    }

    private record Page(List<String> ids, boolean hasNextPage, String endCursor) {
    }

    private Page page(HttpGraphQlTester tester, Integer first, String after, Map<String, Object> filter) {
        GraphQlTester.Response response = tester.document(PAGE).variable("first", first).variable("after", after)
                .variable("filter", filter).execute();
        List<String> ids = response.path("issues.edges[*].node.id").entityList(String.class).get();
        List<String> cursors = response.path("issues.edges[*].cursor").entityList(String.class).get();
        boolean hasNext = response.path("issues.pageInfo.hasNextPage").entity(Boolean.class).get();
        String endCursor = ids.isEmpty() ? null : response.path("issues.pageInfo.endCursor").entity(String.class).get();
        if (!ids.isEmpty()) {
            assertThat(endCursor).isEqualTo(cursors.get(cursors.size() - 1));
        } else {
            response.path("issues.pageInfo.endCursor").valueIsNull();
        }
        return new Page(ids, hasNext, endCursor);
    }

    private List<String> allPages(HttpGraphQlTester tester, int size, Map<String, Object> filter) {
        List<String> ids = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        String after = null;
        while (true) {
            Page page = page(tester, size, after, filter);
            assertThat(page.ids().size()).isLessThanOrEqualTo(size);
            ids.addAll(page.ids());
            if (!page.hasNextPage()) {
                return ids;
            }
            assertThat(cursors.add(page.endCursor())).isTrue();
            after = page.endCursor();
        }
    }

    private static List<String> reversed(List<String> ids) {
        List<String> copy = new ArrayList<>(ids);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
