package io.issuegraph.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.issuegraph.identity.standin.GoTrueStandIn;
import io.issuegraph.testsupport.GraphQlHttp;
import io.issuegraph.testsupport.GraphQlSse;
import io.issuegraph.testsupport.GraphQlWs;
import io.issuegraph.testsupport.IntegrationTest;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * {@code issueEvents} from outside, over graphql-ws and over SSE, with this test's server as instance A
 * and a second instance B on the same database (docs/live-updates.md).
 */
class IssueEventsTest extends IntegrationTest {

    // language=GraphQL
    private static final String EVENTS = """
            subscription Events($filter: IssueFilter, $after: String) {
              issueEvents(filter: $filter, after: $after) { kind issueId cursor issue { id title status viewerCanUpdate } }
            }""";
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Autowired
    DataSource dataSource;

    private ConfigurableApplicationContext instanceB;
    private int portB;

    @BeforeAll
    void startInstanceB() {
        instanceB = anotherInstance(Map.of("issuegraph.account-deletion.revocation-refresh-interval", "500ms"));
        portB = port(instanceB);
    }

    @AfterAll
    void stopInstanceB() {
        instanceB.close();
    }

    @Test
    void createUpdateAndDeleteReachAWebSocketSubscriberInCommitOrder() {
        String token = gotrue.accessToken(newUser("Wes Socket"));
        try (GraphQlWs socket = GraphQlWs.connect(port, token).acknowledged()) {
            socket.subscribe("1", EVENTS, Map.of());
            String id = create(token, "live over graphql-ws");
            JsonNode created = eventsOf(socket, id, 1).get(0);
            update(token, id, "DONE");
            JsonNode updated = eventsOf(socket, id, 1).get(0);
            delete(token, id);
            JsonNode deleted = eventsOf(socket, id, 1).get(0);

            assertThat(List.of(created, updated, deleted)).extracting(event -> event.path("kind").asString())
                    .containsExactly("CREATED", "UPDATED", "DELETED");
            assertThat(created.path("issue").path("title").asString()).isEqualTo("live over graphql-ws");
            assertThat(created.path("issue").path("viewerCanUpdate").asBoolean()).isTrue();
            assertThat(updated.path("issue").path("status").asString()).isEqualTo("DONE");
            assertThat(deleted.path("issue").isNull()).isTrue();
        }
    }

    @Test
    void theSameOverSse() {
        String token = gotrue.accessToken(newUser("Sam Sse"));
        try (GraphQlSse stream = GraphQlSse.subscribe(port, token, EVENTS, Map.of())) {
            assertThat(stream.status()).isEqualTo(200);
            String id = create(token, "live over SSE");
            update(token, id, "IN_PROGRESS");
            delete(token, id);

            List<String> kinds = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                JsonNode event = stream.next(Duration.ofMillis(200));
                if (event != null && id.equals(event.path("data").path("issueEvents").path("issueId").asString())) {
                    kinds.add(event.path("data").path("issueEvents").path("kind").asString());
                }
                return kinds.size() == 3;
            });
            assertThat(kinds).containsExactly("CREATED", "UPDATED", "DELETED");
        }
    }

    /** The stream's status and headers come as it opens, not with its first event or keep-alive (15 s). */
    @Test
    void anSseStreamOpensBeforeItsFirstEvent() {
        String token = gotrue.accessToken(newUser("Otto Open"));
        try (GraphQlSse stream = GraphQlSse.subscribe(port, token, EVENTS, Map.of())) {
            assertThat(assertTimeoutPreemptively(Duration.ofSeconds(3), stream::status)).isEqualTo(200);
        }
    }

    /** An event comes when the issue matched the filter before the change or after it. */
    @Test
    void theFilterMeansWhatItMeansForIssues() {
        String token = gotrue.accessToken(newUser("Fil Ter"));
        try (GraphQlWs socket = GraphQlWs.connect(port, token).acknowledged()) {
            socket.subscribe("done", EVENTS, Map.of("filter", Map.of("status", List.of("DONE"), "assignedToMe", true)));
            String id = create(token, "filtered");
            update(token, id, "DONE");
            update(token, id, "TODO");
            update(token, id, "IN_PROGRESS");
            String someoneElses = create(gotrue.accessToken(newUser("Other Otto")), "not mine");
            update(gotrue.accessToken(newAdmin()), someoneElses, "DONE");

            List<JsonNode> events = socket.drain(Duration.ofSeconds(2)).stream().map(IssueEventsTest::event).toList();

            // into DONE, and out of it; not the change from TODO to IN_PROGRESS, nor someone else's issue
            assertThat(events).extracting(event -> event.path("issueId").asString()).containsExactly(id, id);
        }
    }

    @Test
    void anEventWrittenOnOneInstanceReachesSubscribersOnAnotherWithinASecond() {
        String token = gotrue.accessToken(newUser("Ike Instance"));
        List<Long> delays = new ArrayList<>();
        try (GraphQlWs onB = GraphQlWs.connect(portB, token).acknowledged()) {
            onB.subscribe("1", EVENTS, Map.of("filter", Map.of("assignedToMe", true)));
            for (int i = 0; i < 10; i++) {
                long written = System.nanoTime();
                create(token, "across instances " + i);
                assertThat(event(onB.next(WAIT)).path("kind").asString()).isEqualTo("CREATED");
                delays.add((System.nanoTime() - written) / 1_000_000);
            }
        }
        assertThat(delays).allSatisfy(millis -> assertThat(millis).isLessThan(1_000));
    }

    @Test
    void aClientResumesFromItsCursorAndAnExpiredCursorIsToldToReload() {
        String token = gotrue.accessToken(newUser("Rex Resume"));
        String cursor;
        String first = create(token, "before");
        try (GraphQlWs socket = GraphQlWs.connect(port, token).acknowledged()) {
            socket.subscribe("1", EVENTS, Map.of("filter", Map.of("assignedToMe", true)));
            update(token, first, "DONE");
            JsonNode updated = null;
            while (updated == null || !"UPDATED".equals(updated.path("kind").asString())) {
                updated = eventsOf(socket, first, 1).get(0); // the CREATED one may come first, or not
            }
            cursor = updated.path("cursor").asString();
        }
        String missed = create(token, "while away");
        delete(token, first);

        try (GraphQlSse resumed = GraphQlSse.subscribe(port, token, EVENTS, Map.of("after", cursor,
                "filter", Map.of("assignedToMe", true)))) {
            List<String> got = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                JsonNode event = resumed.next(Duration.ofMillis(200));
                if (event != null) {
                    JsonNode payload = event.path("data").path("issueEvents");
                    got.add(payload.path("kind").asString() + " " + payload.path("issueId").asString());
                }
                return got.size() >= 2;
            });
            assertThat(got).containsExactly("CREATED " + missed, "DELETED " + first);
        }

        String old = java.util.Base64.getUrlEncoder().encodeToString(("e1:1:"
                + Instant.now().minus(Duration.ofHours(2)).toEpochMilli()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        try (GraphQlWs socket = GraphQlWs.connect(port, token).acknowledged()) {
            socket.subscribe("old", EVENTS, Map.of("after", old));
            JsonNode refused = socket.next(WAIT);
            assertThat(refused.path("type").asString()).isEqualTo("error");
            assertThat(refused.toString()).contains("older than the events kept").contains("BAD_REQUEST")
                    .contains("\"code\":\"CURSOR_EXPIRED\"");
            socket.subscribe("garbage", EVENTS, Map.of("after", "not-a-cursor"));
            assertThat(socket.next(WAIT).toString()).contains("not a cursor of issueEvents");
            // a cursor of now that the server never issued would replay the whole window: refused
            String forged = java.util.Base64.getUrlEncoder().encodeToString(("e1:0:" + Instant.now().toEpochMilli())
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.subscribe("forged", EVENTS, Map.of("after", forged));
            JsonNode refusedForged = socket.next(WAIT);
            assertThat(refusedForged.path("type").asString()).isEqualTo("error");
            assertThat(refusedForged.toString()).contains("not a cursor of issueEvents").contains("BAD_REQUEST");
        }
    }

    @Test
    void aStreamEndsWhenItsTokenExpiresAndTheConnectionCloses() {
        GraphQlWs socket = GraphQlWs.connect(port, gotrue.accessToken(newUser("Eve Expiring"), Duration.ofSeconds(2)))
                .acknowledged();
        socket.subscribe("1", EVENTS, Map.of());

        JsonNode last = lastMessageOf(socket, "1", Duration.ofSeconds(5));

        assertThat(last.toString()).contains("token has expired").contains("UNAUTHORIZED")
                .contains("\"code\":\"TOKEN_EXPIRED\"");
        assertThat(socket.closeCode(Duration.ofSeconds(3))).isEqualTo(4401);
    }

    @Test
    void deletingTheAccountOnOneInstanceEndsItsStreamsOnAnotherWithinTwoSeconds() {
        GoTrueStandIn.User user = newUser("Del Eted");
        String token = gotrue.accessToken(user);
        String id = create(token, "goes with the account");
        try (GraphQlWs onB = GraphQlWs.connect(portB, token).acknowledged();
                GraphQlSse sseOnB = GraphQlSse.subscribe(portB, token, EVENTS, Map.of());
                GraphQlWs watcher = GraphQlWs.connect(port, gotrue.accessToken(newAdmin())).acknowledged()) {
            onB.subscribe("1", EVENTS, Map.of());
            watcher.subscribe("w", EVENTS, Map.of());
            String ready = create(gotrue.accessToken(newAdmin()), "the streams are open");
            eventsOf(watcher, ready, 1); // B's streams were opened before A's watcher, so are open too

            long asked = System.nanoTime();
            assertThat(post(GraphQlHttp.query("mutation { deleteMyAccount { deletedIssueCount } }"), token).body())
                    .contains("\"deletedIssueCount\":1");

            JsonNode last = lastMessageOf(onB, "1", Duration.ofSeconds(3));
            assertThat(last.toString()).contains("account deleted");
            assertThat(onB.closeCode(Duration.ofSeconds(2))).isEqualTo(4401);
            assertThat((System.nanoTime() - asked) / 1_000_000).isLessThan(2_500);
            assertThat(sseOnB.ended(Duration.ofSeconds(2))).isTrue();
            // the account's email goes from the outbox too; its events stay, for the pages of others
            assertThat(jdbc.sql("SELECT COUNT(*) FROM issue_events WHERE assignee_id = :id").param("id", user.id())
                    .query(Long.class).single()).isPositive();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM issue_events WHERE assignee_id = :id AND assignee_email IS NOT NULL")
                    .param("id", user.id()).query(Long.class).single()).isZero();
            // the open pages of others drop the account's issues
            await().atMost(WAIT).until(() -> "DELETED".equals(eventsOf(watcher, id, 1).get(0).path("kind").asString()));
        }
    }

    @Test
    void aBadOrMissingTokenClosesTheConnectionWith4401() {
        try (GraphQlWs garbage = GraphQlWs.connect(port, "not-a-token"); GraphQlWs none = GraphQlWs.connect(port, null)) {
            assertThat(garbage.closeCode(WAIT)).isEqualTo(4401);
            assertThat(none.closeCode(WAIT)).isEqualTo(4401);
        }
        try (GraphQlSse sse = GraphQlSse.subscribe(port, "not-a-token", EVENTS, Map.of())) {
            assertThat(sse.status()).isEqualTo(401);
        }
    }

    @Test
    void aPageOnAnotherOriginMayNotOpenAConnection() {
        try (GraphQlWs allowed = GraphQlWs.open(port, "http://localhost:5173")) {
            assertThat(allowed.closeCode(Duration.ofMillis(300))).isNull();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GraphQlWs.open(port, "https://evil.example.com"))
                .rootCause().hasMessageContaining("403");
    }

    @Test
    void openSubscriptionsPerUserAreCapped() {
        String token = gotrue.accessToken(newUser("Cap Tain"));
        try (GraphQlWs socket = GraphQlWs.connect(port, token).acknowledged()) {
            for (int i = 0; i < 10; i++) {
                socket.subscribe("s" + i, EVENTS, Map.of());
            }
            socket.subscribe("one-too-many", EVENTS, Map.of());

            // the ten may hear another test's issue first
            JsonNode refused = socket.next(WAIT);
            while (refused != null && !"one-too-many".equals(refused.path("id").asString())) {
                refused = socket.next(WAIT);
            }

            assertThat(refused.path("id").asString()).isEqualTo("one-too-many");
            assertThat(refused.toString()).contains("the most allowed");
        }
    }

    /** graphql-ws carries queries and mutations too, under the same rules. */
    @Test
    void queriesAndMutationsRunOverWebSocketToo() {
        String token = gotrue.accessToken(newUser("Quinn Query"));
        try (GraphQlWs socket = GraphQlWs.connect(port, token).acknowledged()) {
            socket.subscribe("q", "{ me { name } }", Map.of());
            assertThat(socket.next(WAIT).toString()).contains("\"name\":\"Quinn Query\"");
            assertThat(socket.next(WAIT).path("type").asString()).isEqualTo("complete");
            socket.subscribe("m", "mutation { createIssue(input: {title: \"over ws\"}) { title } }", Map.of());
            assertThat(socket.next(WAIT).toString()).contains("\"title\":\"over ws\"");
        }
    }

    @Test
    void aSubscriptionIsRefusedOverGet() {
        String token = gotrue.accessToken(newUser("Get Ty"));
        var answer = GraphQlHttp.get(port, "/graphql?query=" + java.net.URLEncoder.encode(EVENTS,
                java.nio.charset.StandardCharsets.UTF_8), token);
        assertThat(answer.statusCode()).isEqualTo(405);
    }

    /**
     * Auto-increment ids are taken before commit: with many writers holding their transactions open for
     * random times, rows commit out of id order. Every one of them still reaches the subscriber, once.
     */
    @Test
    void noEventIsSkippedWithManyConcurrentWritersCommittingOutOfOrder() throws Exception {
        String token = gotrue.accessToken(newAdmin());
        int writers = 8;
        int each = 40;
        long base = 9_000_000_000L + ThreadLocalRandom.current().nextInt(1_000_000) * 1_000L;
        AtomicLong next = new AtomicLong(base);
        try (GraphQlWs socket = GraphQlWs.connect(port, token).acknowledged()) {
            socket.subscribe("all", EVENTS, Map.of());
            String ready = create(token, "the subscription is open");
            eventsOf(socket, ready, 1);
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        writeEventCommittingLate(next.getAndIncrement());
                    }
                    return null;
                }));
            }
            for (var writer : done) {
                writer.get();
            }
            pool.shutdown();

            Set<String> received = new HashSet<>();
            List<String> duplicates = new ArrayList<>();
            JsonNode last = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (received.size() < writers * each && System.nanoTime() < deadline) {
                JsonNode message = socket.next(Duration.ofMillis(200));
                if (message != null) {
                    last = message;
                    String issueId = event(message).path("issueId").asString();
                    if (!issueId.isEmpty() && Long.parseLong(issueId) >= base && !received.add(issueId)) {
                        duplicates.add(issueId);
                    }
                }
            }
            assertThat(received).as("received %d, the last message: %s", received.size(), last).hasSize(writers * each);
            assertThat(duplicates).isEmpty();
        }
    }

    /** One event in a transaction of its own that stays open for up to 300 ms after its id is taken. */
    private void writeEventCommittingLate(long issueId) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (var insert = connection.prepareStatement("INSERT INTO issue_events (issue_id, kind, status, created_at)"
                    + " VALUES (?, 'DELETED', 'done', UTC_TIMESTAMP(3))")) {
                insert.setLong(1, issueId);
                insert.executeUpdate();
            }
            Thread.sleep(ThreadLocalRandom.current().nextInt(300));
            connection.commit();
        }
    }

    private static JsonNode event(JsonNode message) {
        return message.path("payload").path("data").path("issueEvents");
    }

    /** The next {@code count} events about this issue. */
    private static List<JsonNode> eventsOf(GraphQlWs socket, String issueId, int count) {
        List<JsonNode> events = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            JsonNode message = socket.next(Duration.ofMillis(200));
            if (message != null && issueId.equals(event(message).path("issueId").asString())) {
                events.add(event(message));
            }
            return events.size() == count;
        });
        return events;
    }

    /** The message that ended subscription {@code id}: an error, or the next one after its events. */
    private static JsonNode lastMessageOf(GraphQlWs socket, String id, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode message = socket.next(Duration.ofMillis(200));
            if (message != null && id.equals(message.path("id").asString())
                    && !"next".equals(message.path("type").asString()) || message != null && message.toString().contains("errors")) {
                return message;
            }
        }
        throw new AssertionError("subscription " + id + " did not end within " + wait);
    }

    private String create(String token, String title) {
        String body = post("{\"query\":\"mutation($t: String!) { createIssue(input: {title: $t}) { id } }\","
                + "\"variables\":{\"t\":\"" + title + "\"}}", token).body();
        assertThat(body).contains("\"createIssue\":{");
        return body.replaceAll(".*\"id\":\"([0-9]+)\".*", "$1");
    }

    private void update(String token, String id, String status) {
        assertThat(post("{\"query\":\"mutation { updateIssue(id: \\\"" + id + "\\\", input: {status: " + status
                + "}) { id } }\"}", token).body()).contains("\"updateIssue\":{");
    }

    private void delete(String token, String id) {
        assertThat(post("{\"query\":\"mutation { deleteIssue(id: \\\"" + id + "\\\") }\"}", token).body())
                .contains("\"deleteIssue\":\"" + id + "\"");
    }
}
