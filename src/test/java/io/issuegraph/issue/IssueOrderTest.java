package io.issuegraph.issue;

import static io.issuegraph.testsupport.GraphQlErrors.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.identity.standin.GoTrueStandIn;
import io.issuegraph.testsupport.GraphQlWs;
import io.issuegraph.testsupport.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * Both orders in both directions, walked one issue at a time across ties of {@code updatedAt}; cursors that
 * belong to their order; {@code updatedAfter}; and the sync loop of docs/api.md#syncing.
 */
class IssueOrderTest extends IntegrationTest {

    // language=GraphQL
    private static final String PAGE = """
            query ($first: Int, $after: String, $filter: IssueFilter, $orderBy: IssueOrder) {
              issues(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
                edges { node { id title updatedAt } }
                pageInfo { hasNextPage endCursor }
              }
            }""";

    private static final Map<String, String> NEWEST = Map.of("field", "CREATED_AT", "direction", "DESC");
    private static final Map<String, String> OLDEST = Map.of("field", "CREATED_AT", "direction", "ASC");
    private static final Map<String, String> CHANGED_FIRST = Map.of("field", "UPDATED_AT", "direction", "DESC");
    private static final Map<String, String> CHANGED_LAST = Map.of("field", "UPDATED_AT", "direction", "ASC");

    private GoTrueStandIn.User alice;

    /**
     * Issues A to E, created in that order; then their {@code updated_at} set so that the change order differs
     * from the creation order and A, B and C changed in the same millisecond.
     */
    @BeforeEach
    void fiveIssues() {
        jdbc.sql("DELETE FROM issues").update();
        alice = newUser("Alice");
        Map<String, String> changed = Map.of("A", "2026-12-01 10:00:00.000", "B", "2026-12-01 10:00:00.000",
                "C", "2026-12-01 10:00:00.000", "D", "2026-12-01 09:00:00.000", "E", "2026-12-01 11:00:00.000");
        for (String title : List.of("A", "B", "C", "D", "E")) {
            String id = as(alice).document("mutation ($t: String!) { createIssue(input: {title: $t}) { id } }")
                    .variable("t", title).execute().path("createIssue.id").entity(String.class).get();
            jdbc.sql("UPDATE issues SET updated_at = :at WHERE id = :id").param("at", changed.get(title))
                    .param("id", Long.parseLong(id)).update();
        }
    }

    @Test
    void eachOrderInEachDirectionWalkedOneIssueAtATime() {
        assertThat(walk(NEWEST, null, 1)).containsExactly("E", "D", "C", "B", "A");
        assertThat(walk(OLDEST, null, 1)).containsExactly("A", "B", "C", "D", "E");
        // ties of updatedAt are broken by the id, in the order's direction
        assertThat(walk(CHANGED_FIRST, null, 1)).containsExactly("E", "C", "B", "A", "D");
        assertThat(walk(CHANGED_LAST, null, 1)).containsExactly("D", "A", "B", "C", "E");
        assertThat(walk(CHANGED_LAST, null, 2)).containsExactly("D", "A", "B", "C", "E");
        assertThat(walk(CHANGED_FIRST, null, 100)).containsExactly("E", "C", "B", "A", "D");
    }

    @Test
    void theDefaultOrderIsNewestFirstAlsoForAnExplicitNull() {
        assertThat(titles(page(null, null, null, 100))).containsExactly("E", "D", "C", "B", "A");
        assertThat(as(alice).document("{ issues { edges { node { title } } } }").execute()
                .path("issues.edges[*].node.title").entityList(String.class).get()).containsExactly("E", "D", "C", "B", "A");
    }

    @Test
    void aCursorOfAnotherOrderIsABadRequest() {
        List<Map<String, String>> orders = List.of(NEWEST, OLDEST, CHANGED_FIRST, CHANGED_LAST);
        for (Map<String, String> made : orders) {
            String cursor = page(made, null, null, 2).path("issues.pageInfo.endCursor").entity(String.class).get();
            for (Map<String, String> used : orders) {
                if (!used.equals(made)) {
                    expectError(as(alice).document(PAGE).variable("after", cursor).variable("orderBy", used),
                            ErrorType.BAD_REQUEST, "after is a cursor of another order (" + made.get("field") + " "
                                    + made.get("direction") + ")");
                }
            }
            // the filter may change between pages: a position means the same whatever the filter
            page(made, cursor, Map.of("status", List.of("TODO")), 2).path("issues.edges").entityList(Object.class).hasSize(2);
        }
    }

    @Test
    void updatedAfterIsExclusiveToTheMillisecond() {
        assertThat(walk(CHANGED_LAST, "2026-12-01T10:00:00.000Z", 1)).containsExactly("E");
        assertThat(walk(CHANGED_LAST, "2026-12-01T09:59:59.999Z", 1)).containsExactly("A", "B", "C", "E");
        assertThat(walk(CHANGED_LAST, "2026-12-01T09:59:59.999999Z", 1)).containsExactly("A", "B", "C", "E");
        assertThat(walk(CHANGED_LAST, "2026-12-01T10:00:00.000001Z", 1)).containsExactly("E");
        assertThat(walk(CHANGED_LAST, "2026-12-01T12:00:00+01:00", 1)).isEmpty();
        assertThat(walk(NEWEST, "2026-12-01T09:30:00Z", 1)).containsExactly("E", "C", "B", "A");
    }

    /**
     * The loop of docs/api.md#syncing: pages of UPDATED_AT ASC after the last sync (a page boundary inside the tie
     * of A, B and C loses nothing), then, later, the changes since, from a moment a little before the last
     * updatedAt seen.
     */
    @Test
    void aSyncLoopSeesEveryChangeOnce() {
        Map<String, String> mirror = new HashMap<>();
        String seen = sync(mirror, "2026-12-01T09:30:00Z");
        assertThat(mirror).containsOnlyKeys("A", "B", "C", "E");
        assertThat(seen).isEqualTo("2026-12-01T11:00:00.000Z");

        String b = jdbc.sql("SELECT id FROM issues WHERE title = 'B'").query(String.class).single();
        as(alice).document("mutation ($id: ID!) { updateIssue(id: $id, input: {status: DONE}) { id } }")
                .variable("id", b).execute();
        mirror.clear();
        sync(mirror, java.time.Instant.parse(seen).minus(Duration.ofMinutes(1)).toString());
        assertThat(mirror).containsOnlyKeys("B", "E");
    }

    @Test
    void aSubscriptionRefusesSearchAndUpdatedAfter() {
        try (GraphQlWs socket = GraphQlWs.connect(port, gotrue.accessToken(alice)).acknowledged()) {
            String events = "subscription ($filter: IssueFilter) { issueEvents(filter: $filter) { kind } }";
            socket.subscribe("search", events, Map.of("filter", Map.of("search", "login")));
            socket.subscribe("since", events, Map.of("filter", Map.of("updatedAfter", "2026-12-01T00:00:00Z")));
            for (int i = 0; i < 2; i++) {
                var refused = socket.next(Duration.ofSeconds(10));
                assertThat(refused.path("type").asString()).isEqualTo("error");
                assertThat(refused.toString()).contains("BAD_REQUEST")
                        .contains("issueEvents filters by status and assignee only");
            }
        }
    }

    /** One sync: every page of the changes after {@code since}, into the mirror; the last updatedAt seen. */
    private String sync(Map<String, String> mirror, String since) {
        String after = null;
        String last = null;
        while (true) {
            GraphQlTester.Response page = page(CHANGED_LAST, after, Map.of("updatedAfter", since), 1);
            for (Map<?, ?> node : page.path("issues.edges[*].node").entityList(Map.class).get()) {
                mirror.put((String) node.get("title"), (String) node.get("updatedAt"));
                last = (String) node.get("updatedAt");
            }
            if (!page.path("issues.pageInfo.hasNextPage").entity(Boolean.class).get()) {
                return last;
            }
            after = page.path("issues.pageInfo.endCursor").entity(String.class).get();
        }
    }

    private List<String> walk(Map<String, String> order, String updatedAfter, int size) {
        List<String> titles = new ArrayList<>();
        String after = null;
        while (true) {
            GraphQlTester.Response page = page(order, after,
                    updatedAfter == null ? null : Map.of("updatedAfter", updatedAfter), size);
            List<String> got = page.path("issues.edges[*].node.title").entityList(String.class).get();
            assertThat(got.size()).isLessThanOrEqualTo(size);
            titles.addAll(got);
            if (!page.path("issues.pageInfo.hasNextPage").entity(Boolean.class).get()) {
                return titles;
            }
            after = page.path("issues.pageInfo.endCursor").entity(String.class).get();
        }
    }

    private GraphQlTester.Response page(Map<String, String> order, String after, Map<String, Object> filter, int first) {
        return as(alice).document(PAGE).variable("first", first).variable("after", after).variable("filter", filter)
                .variable("orderBy", order).execute();
    }

    private static List<String> titles(GraphQlTester.Response response) {
        return response.path("issues.edges[*].node.title").entityList(String.class).get();
    }
}
