package io.issuegraph;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.testsupport.StartupAttempt;
import io.issuegraph.testsupport.TestDatabase;
import io.issuegraph.testsupport.TestIdentity;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The server refuses to start on a bad setting, with one line that names the variable; identity before the database. */
@Tag("integration")
class ConfigurationTest {

    @Test
    void refusesAShortSecret() {
        StartupAttempt attempt = assertRefusesToStart(Map.of("issuegraph.identity.jwt-secret", "only-twenty-bytes-!!"),
                "ISSUEGRAPH_IDENTITY_JWT_SECRET is shorter than 32 bytes");
        assertThat(attempt.output()).doesNotContain("only-twenty-bytes-!!");
    }

    /** Its text is in this repository, so anyone could sign tokens with it. */
    @Test
    void refusesTheLaunchersPublicDevelopmentSecretOutsideTheLauncher() {
        StartupAttempt attempt = StartupAttempt.run(settings(Map.of("issuegraph.identity.jwt-secret",
                "local-development-secret-not-for-production")));
        assertThat(attempt.failure()).isInstanceOf(InvalidConfigurationException.class);
        assertThat(attempt.report()).contains("Description:\n\nISSUEGRAPH_IDENTITY_JWT_SECRET is the local launcher's");
        assertThat(attempt.output()).doesNotContain("\tat ").doesNotContain("local-development-secret-not-for-production");
    }

    /** deploy/compose/example.env once carried it: a stack started with the example unchanged accepted anyone's tokens. */
    @Test
    void refusesTheComposeExamplesPublicPlaceholderSecret() {
        StartupAttempt attempt = StartupAttempt.run(settings(Map.of("issuegraph.identity.jwt-secret",
                "change-me-to-at-least-thirty-two-bytes-of-secret")));
        assertThat(attempt.failure()).isInstanceOf(InvalidConfigurationException.class);
        assertThat(attempt.report()).contains("Description:\n\nISSUEGRAPH_IDENTITY_JWT_SECRET is the placeholder of the "
                + "Compose example (deploy/compose/example.env)");
        assertThat(attempt.output()).doesNotContain("\tat ").doesNotContain("change-me-to-at-least-thirty-two-bytes-of-secret");
    }

    @Test
    void refusesScrapePasswordsThatAreTooShort() {
        assertRefusesToStart(Map.of("issuegraph.identity.jwt-secret", TestIdentity.JWT_SECRET,
                "issuegraph.metrics.scrape-password", "short"), "ISSUEGRAPH_METRICS_SCRAPE_PASSWORD must be at least 16");
    }

    /** What a newcomer sees who starts the jar with nothing set: the way to try it, and that a database is needed too. */
    @Test
    void refusesToStartWithoutAnyIdentityAndSaysHowToTryIt() {
        StartupAttempt attempt = assertRefusesToStart(Map.of(), "No identity is configured: set ISSUEGRAPH_IDENTITY_JWT_SECRET");
        assertThat(attempt.report()).contains("Action:").contains("./mvnw spring-boot:test-run")
                .contains("a MySQL 8.0+ or MariaDB 10.6+ database: SPRING_DATASOURCE_URL");
    }

    @Test
    void refusesMalformedUrls() {
        assertRefusesToStart(Map.of("issuegraph.identity.url", "identity.example.com/no-scheme"),
                "ISSUEGRAPH_IDENTITY_URL must be an absolute http(s) URL.");
        assertRefusesToStart(Map.of("issuegraph.identity.jwks-uri", "ftp://keys.example.com/jwks.json"),
                "ISSUEGRAPH_IDENTITY_JWKS_URI must be an absolute http(s) URL.");
    }

    @Test
    void refusesACorsOriginWithAPath() {
        assertRefusesToStart(Map.of("issuegraph.identity.jwt-secret", "test-secret-of-at-least-thirty-two-bytes!",
                "issuegraph.cors.allowed-origins", "https://app.example.com/"),
                "ISSUEGRAPH_CORS_ALLOWED_ORIGINS holds \"https://app.example.com/\", which is not an origin");
    }

    @Test
    void refusesPlainHttpToARemoteHost() {
        String secret = "a-secret-that-is-thirty-two-bytes-long";
        assertRefusesToStart(Map.of("issuegraph.identity.url", "http://identity.example.com"),
                "ISSUEGRAPH_IDENTITY_URL must be an https:// URL (http:// only for localhost)");
        assertRefusesToStart(Map.of("issuegraph.identity.jwks-uri", "http://10.0.0.7/jwks.json"),
                "ISSUEGRAPH_IDENTITY_JWKS_URI must be an https:// URL");
        assertRefusesToStart(Map.of("issuegraph.identity.url", "https://identity.example.com",
                "issuegraph.identity.delete-bridge-url", "http://127.0.0.1.example.com/bridge",
                "issuegraph.identity.delete-bridge-secret", secret),
                "ISSUEGRAPH_IDENTITY_DELETE_BRIDGE_URL must be an https:// URL");
        assertRefusesToStart(Map.of("issuegraph.identity.jwt-secret", secret,
                "issuegraph.public-url", "http://api.example.com"),
                "ISSUEGRAPH_PUBLIC_URL must be an https:// URL");
    }

    @Test
    void refusesABridgeWithoutItsSecret() {
        assertRefusesToStart(Map.of("issuegraph.identity.url", "https://identity.example.com",
                "issuegraph.identity.delete-bridge-url", "https://site.example.com/.netlify/functions/delete-identity-user"),
                "ISSUEGRAPH_IDENTITY_DELETE_BRIDGE_SECRET must be set");
    }

    @Test
    void refusesAMalformedDuration() {
        StartupAttempt attempt = StartupAttempt.run(settings(Map.of("issuegraph.identity.jwt-secret",
                TestIdentity.JWT_SECRET, "issuegraph.identity.read-timeout", "soon")));
        assertThat(attempt.report()).contains("issuegraph.identity.read-timeout").contains("Action:");
        assertThat(attempt.output()).doesNotContain("\tat ");
    }

    @Test
    void warnsWhenNothingCanDeleteIdentityUsers() {
        StartupAttempt started = StartupAttempt.run(settings(Map.of("issuegraph.identity.jwt-secret",
                TestIdentity.JWT_SECRET)));
        assertThat(started.failure()).isNull();
        assertThat(started.output()).containsPattern(" WARN .*Identity users cannot be deleted with this configuration")
                .contains("Set ISSUEGRAPH_IDENTITY_URL with ISSUEGRAPH_IDENTITY_ADMIN_TOKEN");
    }

    @Test
    void checksIdentityBeforeTheDatabase() {
        Map<String, Object> properties = new HashMap<>(settings(Map.of("issuegraph.identity.url", "no-scheme")));
        properties.put("spring.datasource.url", "jdbc:mysql://127.0.0.1:1/issuegraph");
        StartupAttempt attempt = StartupAttempt.run(properties);
        assertThat(attempt.report()).contains("ISSUEGRAPH_IDENTITY_URL must be an absolute http(s) URL.");
        assertThat(attempt.output()).doesNotContain("HikariPool");
    }

    private static StartupAttempt assertRefusesToStart(Map<String, Object> identity, String line) {
        StartupAttempt attempt = StartupAttempt.run(settings(identity));
        assertThat(attempt.failure()).hasRootCauseInstanceOf(InvalidConfigurationException.class)
                .rootCause().hasMessageStartingWith(line);
        assertThat(attempt.report()).contains("Description:\n\n" + line);
        assertThat(attempt.output()).doesNotContain("\tat ");
        return attempt;
    }

    private static Map<String, Object> settings(Map<String, Object> identity) {
        Map<String, Object> properties = new HashMap<>(TestDatabase.get().springProperties());
        properties.put("server.port", "0");
        properties.putAll(identity);
        return properties;
    }
}
