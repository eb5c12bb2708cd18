package io.issuegraph.account;

import static io.issuegraph.testsupport.GraphQlHttp.post;
import static io.issuegraph.testsupport.GraphQlHttp.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.issuegraph.IssuegraphApplication;
import io.issuegraph.identity.standin.GoTrueStandIn;
import io.issuegraph.testsupport.TestDatabase;
import io.issuegraph.testsupport.TestIdentity;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Whole instances of issuegraph started and stopped by the test, on a database of their own (so that
 * no other test context's retrier takes part): restarts, several instances on one database, and the
 * cost of refusing deleted accounts.
 */
@Tag("integration")
class SeveralInstancesTest {

    private static final GoTrueStandIn gotrue = TestIdentity.gotrue();
    private static final TestDatabase.Connection database = TestDatabase.get().withDatabase("issuegraph_instances");
    private static final Duration SOON = Duration.ofSeconds(15);

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @BeforeEach
    void normalIdentityService() {
        gotrue.reset();
    }

    @AfterEach
    void stopInstances() {
        instances.forEach(ConfigurableApplicationContext::close);
        gotrue.up();
    }

    @Test
    void aDeletionPendingWhenTheInstanceStopsIsCompletedByTheNextOne() {
        ConfigurableApplicationContext first = start(Map.of());
        GoTrueStandIn.User user = gotrue.createUser(email(), "pw", "Restart Rita", List.of());
        String token = gotrue.accessToken(user);
        gotrue.down();
        assertThat(post(port(first), query("mutation { deleteMyAccount { identityDeleted } }"), token).body())
                .contains("\"identityDeleted\":false");
        first.close();

        gotrue.up();
        ConfigurableApplicationContext second = start(Map.of());

        await().atMost(SOON).until(() -> !gotrue.userExists(user.id()));
        await().atMost(SOON).until(() -> identityDeleted(second, user.id()));
        assertThat(gotrue.requests("DELETE", "/admin/users/" + user.id())).hasSize(1);
    }

    @Test
    void twoInstancesCompleteEachPendingDeletionExactlyOnce() {
        ConfigurableApplicationContext a = start(Map.of());
        ConfigurableApplicationContext b = start(Map.of());
        List<GoTrueStandIn.User> users = new ArrayList<>();
        gotrue.down();
        for (int i = 0; i < 10; i++) {
            GoTrueStandIn.User user = gotrue.createUser(email(), "pw", "Twin " + i, List.of());
            users.add(user);
            ConfigurableApplicationContext via = i % 2 == 0 ? a : b;
            assertThat(post(port(via), query("mutation { deleteMyAccount { identityDeleted } }"), gotrue.accessToken(user))
                    .body()).contains("\"identityDeleted\":false");
        }

        gotrue.up(); // both retriers now race for the same ten deletions

        await().atMost(SOON).until(() -> users.stream().noneMatch(user -> gotrue.userExists(user.id())));
        await().atMost(SOON).until(() -> users.stream().allMatch(user -> identityDeleted(a, user.id())));
        for (GoTrueStandIn.User user : users) {
            assertThat(gotrue.requests("DELETE", "/admin/users/" + user.id())).as("DELETEs for " + user.email()).hasSize(1);
        }
    }

    @Test
    void everyInstanceRefusesTheTokenOfAnAccountDeletedOnAnotherWithinSeconds() {
        ConfigurableApplicationContext a = start(Map.of());
        ConfigurableApplicationContext b = start(Map.of());
        GoTrueStandIn.User user = gotrue.createUser(email(), "pw", "Roaming Rob", List.of());
        String token = gotrue.accessToken(user);
        assertThat(post(port(b), query("{ me { id } }"), token).statusCode()).isEqualTo(200);

        post(port(a), query("mutation { deleteMyAccount { identityDeleted } }"), token);

        await().atMost(Duration.ofSeconds(5)).until(() -> post(port(b), query("{ me { id } }"), token).statusCode() == 401);
        assertThat(post(port(b), query("mutation { createIssue(input: {title: \"late\"}) { id } }"), token).body())
                .contains("account deleted");
        assertThat(JdbcClient.create(a.getBean(DataSource.class))
                .sql("SELECT COUNT(*) FROM issues WHERE assignee_id = ?").param(user.id()).query(Long.class).single())
                .isZero();
    }

    /**
     * Refusing deleted accounts costs no database round trip per request: with the background reload
     * slowed down, a hundred authenticated {@code me} queries borrow no connection at all, while a hundred
     * reads of an issue borrow exactly one each.
     */
    @Test
    void authenticationAddsNoDatabaseRoundTrip() {
        ConfigurableApplicationContext instance = start(Map.of(
                "issuegraph.account-deletion.revocation-refresh-interval", "1h",
                "issuegraph.account-deletion.retry-poll-interval", "1h",
                // the live updates' reader, which polls the database on its own thread
                "issuegraph.live.poll-interval", "1h", "issuegraph.live.commit-settle-time", "2h",
                "issuegraph.live.retention", "4h"));
        AtomicLong connections = instance.getBean(ConnectionCounter.class).borrowed;
        GoTrueStandIn.User user = gotrue.createUser(email(), "pw", "Counted Cate", List.of());
        String token = gotrue.accessToken(user);
        post(port(instance), query("{ me { id } }"), token); // warm-up
        // Each background job runs once at start, on its own thread, and on a busy machine that first run
        // (the live reader's poll and prune: four borrows) can still be going on here.
        awaitNoBorrowing(connections);

        long before = connections.get();
        for (int i = 0; i < 100; i++) {
            assertThat(post(port(instance), query("{ me { id } }"), token).statusCode()).isEqualTo(200);
        }
        assertThat(connections.get() - before).isZero();

        before = connections.get();
        for (int i = 0; i < 100; i++) {
            assertThat(post(port(instance), query("{ issue(id: \"1\") { id } }"), token).statusCode()).isEqualTo(200);
        }
        assertThat(connections.get() - before).isEqualTo(100);
    }

    /** Returns once nothing has borrowed a connection for half a second. */
    private static void awaitNoBorrowing(AtomicLong connections) {
        long[] last = {connections.get()};
        await().atMost(SOON).pollDelay(Duration.ofMillis(500)).pollInterval(Duration.ofMillis(500)).until(() -> {
            long now = connections.get();
            boolean still = now == last[0];
            last[0] = now;
            return still;
        });
    }

    private ConfigurableApplicationContext start(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(database.springProperties());
        properties.put("server.port", "0");
        properties.put("issuegraph.identity.url", gotrue.url().toString());
        properties.put("issuegraph.identity.jwt-secret", TestIdentity.JWT_SECRET);
        properties.put("issuegraph.identity.read-timeout", "2s");
        properties.put("issuegraph.account-deletion.initial-backoff", "100ms");
        properties.put("issuegraph.account-deletion.max-backoff", "500ms");
        properties.put("issuegraph.account-deletion.retry-poll-interval", "50ms");
        properties.put("issuegraph.rate-limit.enabled", "false"); // bursts of requests from one user and address
        properties.putAll(extra);
        String[] arguments = properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext instance = new SpringApplicationBuilder(IssuegraphApplication.class,
                ConnectionCounter.class).run(arguments);
        instances.add(instance);
        return instance;
    }

    private static int port(ConfigurableApplicationContext instance) {
        return Integer.parseInt(instance.getEnvironment().getProperty("local.server.port"));
    }

    private static boolean identityDeleted(ConfigurableApplicationContext instance, String userId) {
        return JdbcClient.create(instance.getBean(DataSource.class))
                .sql("SELECT identity_deleted_at IS NOT NULL FROM account_deletions WHERE user_id = ?")
                .param(userId).query(Boolean.class).single();
    }

    private static String email() {
        return "instance-" + java.util.UUID.randomUUID() + "@example.com";
    }

    /** Counts the connections the application borrows from its pool. */
    @Configuration(proxyBeanMethods = false)
    static class ConnectionCounter {

        final AtomicLong borrowed = new AtomicLong();

        @Bean
        static BeanPostProcessor countingDataSource(org.springframework.beans.factory.ObjectProvider<ConnectionCounter> counter) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof DataSource dataSource) || bean instanceof DelegatingDataSource) {
                        return bean;
                    }
                    return new DelegatingDataSource(dataSource) {
                        @Override
                        public Connection getConnection() throws SQLException {
                            counter.getObject().borrowed.incrementAndGet();
                            return super.getConnection();
                        }
                    };
                }
            };
        }
    }
}
