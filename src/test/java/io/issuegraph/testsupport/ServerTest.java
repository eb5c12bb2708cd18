package io.issuegraph.testsupport;

import io.issuegraph.identity.standin.GoTrueStandIn;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A running server on a random port, a real database, and the shared GoTrue stand-in, with no identity
 * configured: subclasses choose the verification mode. Each test class starts from empty tables; each
 * test from a stand-in that behaves normally. Tagged "integration", as is every subclass: these run in
 * {@code ./mvnw verify} (Failsafe), not in {@code ./mvnw test}.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureHttpGraphQlTester
@Import(ShadowExecution.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// Tests send bursts of requests from one address and user; RateLimitTest turns the limits back on. Two
// browser origins are allowed for CorsTest, whose context is then every test's.
@TestPropertySource(properties = {"issuegraph.rate-limit.enabled=false",
        "issuegraph.cors.allowed-origins=http://localhost:5173, https://app.example.com"})
public abstract class ServerTest {

    protected static final GoTrueStandIn gotrue = TestIdentity.gotrue();

    @Autowired
    protected HttpGraphQlTester graphQlTester;

    @Autowired
    protected JdbcClient jdbc;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure(registry, TestDatabase.get());
    }

    /** The settings of every server under test, for tests that bring a database of their own. */
    public static void infrastructure(DynamicPropertyRegistry registry, TestDatabase.Connection database) {
        database.springProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("issuegraph.identity.read-timeout", () -> "2s");
        registry.add("issuegraph.metrics.scrape-password", () -> GraphQlHttp.SCRAPE_PASSWORD);
        registry.add("issuegraph.identity.health-cache-ttl", () -> "1s");
        registry.add("issuegraph.account-deletion.initial-backoff", () -> "200ms");
        registry.add("issuegraph.account-deletion.max-backoff", () -> "1s");
        registry.add("issuegraph.account-deletion.retry-poll-interval", () -> "100ms");
    }

    @BeforeAll
    void startFromEmptyTables() {
        jdbc.sql("DELETE FROM issues").update();
        jdbc.sql("DELETE FROM account_deletions").update();
    }

    /** No query of this class was answered differently by a compiled plan and by graphql-java ({@link ShadowExecution}). */
    @AfterAll
    void plansAgreedWithGraphQlJava() {
        List<String> disagreements = List.copyOf(ShadowExecution.DISAGREEMENTS);
        ShadowExecution.DISAGREEMENTS.clear();
        org.assertj.core.api.Assertions.assertThat(disagreements).isEmpty();
    }

    @BeforeEach
    void normalIdentityService() {
        gotrue.reset();
    }

    /** A new confirmed Identity user with a unique email. */
    protected static GoTrueStandIn.User newUser(String fullName) {
        return gotrue.createUser(uniqueEmail(), "correct horse battery staple", fullName, List.of());
    }

    protected static GoTrueStandIn.User newAdmin() {
        return gotrue.createUser(uniqueEmail(), "correct horse battery staple", "Ada Admin", List.of("admin"));
    }

    protected static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    /** A tester that sends the user's access token. */
    protected HttpGraphQlTester as(GoTrueStandIn.User user) {
        return withToken(gotrue.accessToken(user));
    }

    protected HttpGraphQlTester withToken(String token) {
        return graphQlTester.mutate().headers(headers -> headers.setBearerAuth(token)).build();
    }

    /** A raw POST /graphql, for what testers hide: status codes and headers. */
    protected HttpResponse<String> post(String body, String bearerToken) {
        return GraphQlHttp.post(port, body, bearerToken);
    }

    protected HttpResponse<String> get(String path) {
        return GraphQlHttp.get(port, path);
    }

    /** /actuator/prometheus, with the scrape credential. */
    protected String metrics() {
        HttpResponse<String> response = GraphQlHttp.metrics(port);
        org.assertj.core.api.Assertions.assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    protected long issueCount() {
        return jdbc.sql("SELECT COUNT(*) FROM issues").query(Long.class).single();
    }
}
