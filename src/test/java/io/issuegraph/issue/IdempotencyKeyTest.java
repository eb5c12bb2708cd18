package io.issuegraph.issue;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.identity.standin.GoTrueStandIn;
import io.issuegraph.testsupport.GraphQlErrors;
import io.issuegraph.testsupport.IntegrationTest;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;

/** createIssue's idempotencyKey: a retry returns the first issue and creates nothing, even concurrently. */
class IdempotencyKeyTest extends IntegrationTest {

    // language=GraphQL
    private static final String CREATE = """
            mutation ($title: String!, $status: IssueStatus, $key: String) {
              createIssue(input: {title: $title, status: $status, idempotencyKey: $key}) { id title status }
            }""";

    @Test
    void aRetryWithTheSameKeyReturnsTheFirstIssueAndCreatesNothing() {
        GoTrueStandIn.User alice = newUser("Alice");
        String key = UUID.randomUUID().toString();

        String first = create(alice, "Printer on fire", "IN_PROGRESS", key);
        String retried = create(alice, "Printer on fire", "IN_PROGRESS", key);

        assertThat(retried).isEqualTo(first);
        assertThat(rowsOf(alice)).isEqualTo(1);
    }

    @Test
    void theTitleIsComparedAsStoredAndTheStatusDefaultAsTodo() {
        GoTrueStandIn.User alice = newUser("Alice");
        String first = create(alice, "  Trimmed  ", null, "k-1");

        assertThat(create(alice, "Trimmed", "TODO", "k-1")).isEqualTo(first);
        assertThat(rowsOf(alice)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherTitleOrStatusIsABadRequestAndCreatesNothing() {
        GoTrueStandIn.User bob = newUser("Bob");
        create(bob, "Original", "TODO", "same-key");

        expectBadRequest(request(bob, "Another title", "TODO", "same-key"), "another title or status");
        expectBadRequest(request(bob, "Original", "DONE", "same-key"), "another title or status");
        assertThat(rowsOf(bob)).isEqualTo(1);
    }

    @Test
    void aKeyStaysValidAfterTheIssueChanges() {
        GoTrueStandIn.User carol = newUser("Carol");
        String first = create(carol, "Before", "TODO", "stable");
        as(carol).document("mutation ($id: ID!) { updateIssue(id: $id, input: {title: \"After\", status: DONE}) { id } }")
                .variable("id", first).execute().path("updateIssue.id").entity(String.class).isEqualTo(first);

        assertThat(create(carol, "Before", "TODO", "stable")).isEqualTo(first);
        assertThat(rowsOf(carol)).isEqualTo(1);
    }

    @Test
    void keysArePerUserAndMatchedExactly() {
        GoTrueStandIn.User dan = newUser("Dan");
        GoTrueStandIn.User erin = newUser("Erin");

        String dans = create(dan, "Same", "TODO", "shared-key");
        String erins = create(erin, "Same", "TODO", "shared-key");
        create(dan, "Same", "TODO", "Shared-key");
        create(dan, "Same", "TODO", "shared-key ");

        assertThat(erins).isNotEqualTo(dans);
        assertThat(rowsOf(dan)).isEqualTo(3);
        assertThat(rowsOf(erin)).isEqualTo(1);
    }

    @Test
    void keysHaveOneToAHundredCharacters() {
        GoTrueStandIn.User fay = newUser("Fay");
        String hundredEmoji = "🔑".repeat(100);

        assertThat(create(fay, "Long key", "TODO", hundredEmoji)).isEqualTo(create(fay, "Long key", "TODO", hundredEmoji));
        expectBadRequest(request(fay, "Too long", "TODO", "k".repeat(101)), "idempotencyKey must be 1 to 100 characters");
        expectBadRequest(request(fay, "Empty", "TODO", ""), "idempotencyKey must be 1 to 100 characters");
        assertThat(rowsOf(fay)).isEqualTo(1);
    }

    @Test
    void withoutAKeyEveryRequestCreatesAnIssue() {
        GoTrueStandIn.User gus = newUser("Gus");
        assertThat(create(gus, "Twice", "TODO", null)).isNotEqualTo(create(gus, "Twice", "TODO", null));
        assertThat(rowsOf(gus)).isEqualTo(2);
    }

    @Test
    void concurrentRequestsWithOneKeyStoreOneIssue() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                GoTrueStandIn.User hal = newUser("Hal " + round);
                Callable<String> create = () -> create(hal, "Concurrent", "TODO", "one-key");
                Set<String> answered = new HashSet<>();
                for (Future<String> id : clients.invokeAll(Collections.nCopies(8, create))) {
                    answered.add(id.get());
                }
                assertThat(answered).as("issues answered in round " + round).hasSize(1);
                assertThat(rowsOf(hal)).as("rows stored in round " + round).isEqualTo(1);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private String create(GoTrueStandIn.User user, String title, String status, String key) {
        return request(user, title, status, key).execute().path("createIssue.id").entity(String.class).get();
    }

    private GraphQlTester.Request<?> request(GoTrueStandIn.User user, String title, String status, String key) {
        return as(user).document(CREATE).variable("title", title).variable("status", status).variable("key", key);
    }

    private static void expectBadRequest(GraphQlTester.Request<?> request, String messagePart) {
        GraphQlErrors.expectError(request, ErrorType.BAD_REQUEST, messagePart);
    }

    private long rowsOf(GoTrueStandIn.User user) {
        return jdbc.sql("SELECT COUNT(*) FROM issues WHERE assignee_id = :id").param("id", user.id())
                .query(Long.class).single();
    }
}
