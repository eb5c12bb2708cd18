package io.issuegraph.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

/** The reports for answers that the embedded MariaDB cannot give (it runs without grant tables). */
class DatabaseFailureAnalyzerTest {

    private final MockEnvironment environment = new MockEnvironment()
            .withProperty("spring.datasource.url", "jdbc:mysql://db.example.com/issuegraph?password=secret")
            .withProperty("spring.datasource.username", "bob")
            .withProperty("spring.datasource.password", "secret");
    private final DatabaseFailureAnalyzer analyzer = new DatabaseFailureAnalyzer(environment);

    @Test
    void refusedCredentials() {
        FailureAnalysis analysis = analyze(new SQLException("Access denied for user 'bob'@'10.0.0.9'", "28000", 1045));
        assertThat(analysis.getDescription())
                .isEqualTo("The database at db.example.com:3306 refused user 'bob' (access denied).");
        assertThat(analysis.getAction()).contains("SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD");
        assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("secret");
    }

    @Test
    void noAccessToTheDatabase() {
        assertThat(analyze(new SQLException("Access denied for user 'bob' to database 'issuegraph'", "42000", 1044))
                .getDescription()).isEqualTo("The database at db.example.com:3306 refused user 'bob' (access denied).");
    }

    private FailureAnalysis analyze(SQLException cause) {
        var failure = new DatabaseConnectionFailure(cause);
        return analyzer.analyze(new IllegalStateException("context refresh", failure));
    }
}
