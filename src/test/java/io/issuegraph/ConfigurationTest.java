package io.issuegraph;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.testsupport.StartupAttempt;
import io.issuegraph.testsupport.TestDatabase;
import io.issuegraph.testsupport.TestIdentity;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The server refuses to start on a bad setting with Spring Boot's short report, one line that names the
 * variable; identity before the database. Each record's refusals and their lines are unit tests of the
 * record ({@code IdentityPropertiesTest}, {@code CorsPropertiesTest}, …); these starts check the report.
 */
@Tag("integration")
class ConfigurationTest {

    /** What a newcomer sees who starts the jar with nothing set: the way to try it, and that a database is needed too. */
    @Test
    void refusesToStartWithoutAnyIdentityAndSaysHowToTryIt() {
        StartupAttempt attempt = assertRefusesToStart(Map.of(), "No identity is configured: set ISSUEGRAPH_IDENTITY_JWT_SECRET");
        assertThat(attempt.report()).contains("Action:").contains("./mvnw spring-boot:test-run")
                .contains("a MySQL 8.0+ or MariaDB 10.6+ database: SPRING_DATASOURCE_URL");
    }

    /**
     * The identity settings are bound before any bean (IdentitySettingsCheck), every other record with its
     * bean, where Spring Boot wraps the refusal in exceptions of its own: the report still shows its one line.
     */
    @Test
    void refusesASettingBoundWithItsBeanInTheSameShortReport() {
        assertRefusesToStart(Map.of("issuegraph.identity.jwt-secret", TestIdentity.JWT_SECRET,
                "issuegraph.cors.allowed-origins", "https://app.example.com/"),
                "ISSUEGRAPH_CORS_ALLOWED_ORIGINS holds \"https://app.example.com/\", which is not an origin");
    }

    /** A value no converter takes is Spring Boot's own report, which names the property. */
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
