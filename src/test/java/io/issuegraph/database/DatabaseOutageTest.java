package io.issuegraph.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.issuegraph.identity.standin.GoTrueStandIn;
import io.issuegraph.testsupport.CapturedLog;
import io.issuegraph.testsupport.GraphQlHttp;
import io.issuegraph.testsupport.ServerTest;
import io.issuegraph.testsupport.TestDatabase;
import io.issuegraph.testsupport.TestIdentity;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The database killed (SIGKILL of mariadbd) and started again under a running server: requests that
 * need it fail fast with 503, the others keep working, nothing acknowledged is lost or stored twice,
 * and the server recovers at once. On a MariaDB of its own, so that killing it disturbs no other test.
 */
@Tag("integration")
// The pool's own account of its attempts to reconnect, should writes not come back in time.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.level.com.zaxxer.hikari.pool.HikariPool=DEBUG")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageTest {

    private static final TestDatabase.Embedded database = TestDatabase.ownEmbedded("outage");
    private static final GoTrueStandIn gotrue = TestIdentity.gotrue();

    /** The pool's wait for a connection (2 s), with room for a build machine shared by several builds. */
    private static final Duration BOUNDED_WAIT = Duration.ofSeconds(5);
    /**
     * How soon after the database is back writes must succeed again: the target is 1 s (typically under
     * 0.1 s here, printed by each run); a build machine shared by several builds gets twice that.
     */
    private static final Duration RECOVERY = Duration.ofSeconds(2);
    /** How long the write load goes on once the database is back. */
    private static final Duration AFTER_BACK = RECOVERY.plusMillis(500);

    // language=GraphQL
    private static final String CREATE = "mutation { createIssue(input: {title: \"%s\"}) { id } }";

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        ServerTest.infrastructure(registry, database.connection());
        registry.add("issuegraph.identity.url", () -> gotrue.url().toString());
        registry.add("issuegraph.identity.jwt-secret", () -> TestIdentity.JWT_SECRET);
        // Six clients writing as fast as they can: the outage, not the rate limit, is under test.
        registry.add("issuegraph.rate-limit.enabled", () -> "false");
    }

    @BeforeEach
    void normalIdentityService() {
        gotrue.reset();
    }

    @AfterEach
    void databaseBack() {
        if (!database.isRunning()) {
            database.start();
        }
    }

    @Test
    void requestsThatNeedTheDatabaseGet503FastWhileMeKeepsWorking() {
        GoTrueStandIn.User user = newUser();
        String token = gotrue.accessToken(user);
        database.kill();

        HttpResponse<String> me = post("{ me { email } }", token);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains(user.email()).doesNotContain("errors");
        for (String document : List.of("{ issues { totalCount edges { node { id } } } }", CREATE.formatted("down"))) {
            long start = System.nanoTime();
            HttpResponse<String> response = post(document, token);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUNDED_WAIT);
            assertUnavailable(response);
        }

        database.start();
        long back = System.nanoTime();
        await().atMost(RECOVERY).pollInterval(Duration.ofMillis(20))
                .until(() -> post(CREATE.formatted("back"), token).statusCode() == 200);
        System.out.printf("Database outage: first write %d ms after the database was back%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back));
        assertThat(titles("back")).isEqualTo(1);
        assertThat(titles("down")).isZero();
    }

    @Test
    void readinessFollowsTheDatabaseAndLivenessDoesNot() {
        assertThat(GraphQlHttp.get(port, "/actuator/health/readiness").statusCode()).isEqualTo(200);
        database.kill();
        // A load balancer drains the instance, which is alive all the same (a restart would not help).
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> readiness = GraphQlHttp.get(port, "/actuator/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(readiness.body()).contains("\"status\":\"DOWN\"");
        });
        assertThat(GraphQlHttp.get(port, "/actuator/health/liveness").statusCode()).isEqualTo(200);

        database.start();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(GraphQlHttp.get(port, "/actuator/health/readiness").statusCode()).isEqualTo(200));
        assertThat(GraphQlHttp.get(port, "/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    /**
     * Several clients create issues while the database is killed and, 5 s later, started again; each
     * request is recorded with its outcome. Prints the figures of docs/operations.md#when-the-database-fails.
     */
    @Test
    void underWriteLoadNothingAcknowledgedIsLostOrDoubledAndWritesRecoverAtOnce() throws Exception {
        int clients = 6;
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            tokens.add(gotrue.accessToken(newUser()));
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (String token : tokens) { // the first requests of a fresh server are slow for reasons of their own
            for (int i = 0; i < 5; i++) {
                assertThat(post(CREATE.formatted("warm-up"), token).statusCode()).isEqualTo(200);
            }
        }
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService load = Executors.newFixedThreadPool(clients);
        for (int client = 0; client < clients; client++) {
            String token = tokens.get(client);
            String prefix = "load-" + run + "-" + client + "-";
            load.submit(() -> {
                for (int n = 0; !stop.get(); n++) {
                    String title = prefix + n;
                    long start = System.nanoTime();
                    HttpResponse<String> response = post(CREATE.formatted(title), token);
                    outcomes.add(new Outcome(title, start, System.nanoTime(), response));
                }
            });
        }
        long killed;
        long back;
        // A create is a transaction (the issue and its event): one cut off by the kill cannot roll back
        // either, which Spring logs at ERROR; here that is the point.
        try (var log = CapturedLog.of(TransactionTemplate.class);
                var commits = CapturedLog.of(JdbcTransactionManager.class)) {
            Thread.sleep(1_500);
            killed = System.nanoTime();
            database.kill();
            Thread.sleep(5_000);
            database.start();
            back = System.nanoTime();
            Thread.sleep(AFTER_BACK.toMillis());
            stop.set(true);
            load.shutdown();
            assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(log.errors()).allSatisfy(error -> assertThat(error)
                    .isEqualTo("Application exception overridden by rollback exception"));
            assertThat(commits.errors()).allSatisfy(error -> assertThat(error)
                    .isEqualTo("Commit exception overridden by rollback exception"));
        }

        List<Outcome> acknowledged = outcomes.stream().filter(Outcome::acknowledged).toList();
        List<Outcome> failed = outcomes.stream().filter(outcome -> !outcome.acknowledged()).toList();
        Map<String, Long> rows = jdbc.sql("SELECT title, COUNT(*) FROM issues WHERE title LIKE :run GROUP BY title")
                .param("run", "load-" + run + "-%")
                .query((row, i) -> Map.entry(row.getString(1), row.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Map<String, Long> failuresByClass = failed.stream()
                .collect(Collectors.groupingBy(Outcome::failureClass, TreeMap::new, Collectors.counting()));
        Outcome slowest = outcomes.stream().max((a, b) -> Long.compare(a.nanos(), b.nanos())).orElseThrow();
        OptionalLong firstWriteBack = acknowledged.stream().filter(outcome -> outcome.end() > back)
                .mapToLong(Outcome::end).min();
        long storedUnacknowledged = failed.stream().filter(outcome -> rows.containsKey(outcome.title())).count();
        System.out.printf("""
                Database outage under load (%d clients, killed %.1f s after start, down %.1f s):
                  requests %d, acknowledged creates %d, rows %d (of them stored but not acknowledged: %d)
                  failures by class %s
                  slowest request %d ms (sent %d ms after the kill)
                  first write %s after the database was back
                """, clients, 1.5, (back - killed) / 1e9, outcomes.size(), acknowledged.size(),
                rows.values().stream().mapToLong(Long::longValue).sum(), storedUnacknowledged, failuresByClass,
                TimeUnit.NANOSECONDS.toMillis(slowest.nanos()), TimeUnit.NANOSECONDS.toMillis(slowest.start() - killed),
                firstWriteBack.stream().mapToObj(end -> TimeUnit.NANOSECONDS.toMillis(end - back) + " ms").findFirst()
                        .orElse("none in the " + AFTER_BACK.toMillis() + " ms"));

        assertThat(failed).as("requests failed during the outage").isNotEmpty();
        assertThat(failuresByClass).containsOnlyKeys("503 SERVICE_UNAVAILABLE");
        assertThat(failed).allSatisfy(outcome -> assertThat(outcome.retryAfter()).isTrue());
        assertThat(Duration.ofNanos(slowest.nanos())).isLessThan(BOUNDED_WAIT);
        assertThat(acknowledged).allSatisfy(outcome -> assertThat(rows.get(outcome.title()))
                .as("rows of acknowledged " + outcome.title()).isEqualTo(1L));
        assertThat(rows.values()).allSatisfy(count -> assertThat(count).isEqualTo(1L));
        assertThat(firstWriteBack).as(() -> "a create acknowledged after the database was back; the requests"
                + " since 3 s before (ms from its return, status):\n" + timeline(outcomes, back - 3_000_000_000L, back))
                .isPresent();
        assertThat(Duration.ofNanos(firstWriteBack.getAsLong() - back)).isLessThan(RECOVERY);
        assertThat(outcomes).filteredOn(outcome -> outcome.start() > back + RECOVERY.toNanos())
                .as("requests sent after the recovery").isNotEmpty().allMatch(Outcome::acknowledged);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aPendingAccountDeletionCompletesAfterTheOutageAndEachJobWarnsOnce(CapturedOutput log) {
        GoTrueStandIn.User user = newUser();
        String token = gotrue.accessToken(user);
        gotrue.whileDown(() -> assertThat(post("mutation { deleteMyAccount { identityDeleted } }", token).body())
                .contains("\"identityDeleted\":false"));
        database.kill();
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true); // retriers meet the dead database
        database.start();

        // Generous: a statement cut off by the kill may leave a row lock until InnoDB has rolled it back.
        await().atMost(Duration.ofSeconds(60)).until(() -> !gotrue.userExists(user.id()));
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql(
                "SELECT identity_deleted_at IS NOT NULL FROM account_deletions WHERE user_id = :id")
                .param("id", user.id()).query(Boolean.class).single());
        assertThat(gotrue.requests("DELETE", "/admin/users/" + user.id())).hasSize(1);
        // The retrier runs every 100 ms here, so it surely met the outage; either job says so once at most.
        await().atMost(Duration.ofSeconds(5))
                .until(() -> occurrences(log.getOut(), "The account deletion retrier runs again") == 1);
        assertThat(occurrences(log.getOut(), "The account deletion retrier waits for the database")).isEqualTo(1);
        assertThat(occurrences(log.getOut(), "The revocation refresh waits for the database")).isLessThanOrEqualTo(1);
        assertThat(log.getOut()).doesNotContain("Unexpected error occurred in scheduled task");
    }

    private static String timeline(List<Outcome> outcomes, long from, long zero) {
        return outcomes.stream().filter(outcome -> outcome.end() > from)
                .sorted((a, b) -> Long.compare(a.start(), b.start()))
                .map(outcome -> "%d..%d %d".formatted(TimeUnit.NANOSECONDS.toMillis(outcome.start() - zero),
                        TimeUnit.NANOSECONDS.toMillis(outcome.end() - zero), outcome.status()))
                .collect(Collectors.joining("\n"));
    }

    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private record Outcome(String title, long start, long end, int status, String body, boolean retryAfter) {

        Outcome(String title, long start, long end, HttpResponse<String> response) {
            this(title, start, end, response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After").isPresent());
        }

        boolean acknowledged() {
            return status == 200 && body.contains("\"createIssue\":{\"id\"");
        }

        long nanos() {
            return end - start;
        }

        String failureClass() {
            String classification = body.replaceAll("(?s).*\"classification\":\"([A-Z_]+)\".*", "$1");
            return status + " " + (classification.equals(body) ? "(none)" : classification);
        }
    }

    private static void assertUnavailable(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(response.body()).contains("\"classification\":\"SERVICE_UNAVAILABLE\"")
                .contains("The database cannot be reached").doesNotContain("Exception").doesNotContain("SQL");
    }

    private long titles(String title) {
        return jdbc.sql("SELECT COUNT(*) FROM issues WHERE title = :title").param("title", title)
                .query(Long.class).single();
    }

    private HttpResponse<String> post(String document, String token) {
        return GraphQlHttp.post(port, GraphQlHttp.query(document), token);
    }

    private static GoTrueStandIn.User newUser() {
        return gotrue.createUser("outage-" + UUID.randomUUID() + "@example.com", "correct horse battery staple",
                "Olive Outage", List.of());
    }
}
