package io.issuegraph.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.issuegraph.testsupport.StartupAttempt;
import io.issuegraph.testsupport.TestDatabase;
import io.issuegraph.testsupport.TestIdentity;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Each way a database can refuse the start ends in Spring Boot's short report, naming the variable to
 * change and the host and port tried, with no stack trace and no password.
 */
@Tag("integration")
class DatabaseStartupTest {

    private static final String PASSWORD = "wrong-password-never-shown";

    @Test
    void unreachable() throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        StartupAttempt attempt = start("jdbc:mysql://127.0.0.1:" + closedPort + "/issuegraph", "root", PASSWORD);
        assertShortReport(attempt, "Cannot reach the database at 127.0.0.1:" + closedPort
                + " (connection refused), which SPRING_DATASOURCE_URL names.");
    }

    @Test
    void unknownDatabase() {
        TestDatabase.Connection database = TestDatabase.get();
        String url = database.url().replaceFirst("/" + TestDatabase.DATABASE + "(\\?.*)?$", "/no_such_database");
        StartupAttempt attempt = start(url, database.username(), database.password());
        assertShortReport(attempt, "The database server at " + DatabaseAddress.of(url).hostAndPort()
                + " has no database 'no_such_database'.");
        assertThat(attempt.report()).contains("CREATE DATABASE no_such_database");
    }

    /** Where the database checks passwords: the embedded MariaDB runs without grant tables, so see the analyzer test. */
    @Test
    void refusedCredentials() throws SQLException {
        TestDatabase.Connection database = TestDatabase.get();
        try (var connection = DriverManager.getConnection(database.url(), database.username(), database.password());
                var statement = connection.createStatement()) {
            statement.execute("CREATE USER IF NOT EXISTS 'issuegraph_refused'@'%' IDENTIFIED BY 'the-right-password'");
        } catch (SQLException withoutGrantTables) {
            assumeTrue(!withoutGrantTables.getMessage().contains("skip-grant-tables"), "no grant tables");
            throw withoutGrantTables;
        }
        StartupAttempt attempt = start(database.url(), "issuegraph_refused", PASSWORD);
        assertShortReport(attempt, "The database at " + DatabaseAddress.of(database.url()).hostAndPort()
                + " refused user 'issuegraph_refused' (access denied).");
        assertThat(attempt.report()).contains("SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD");
    }

    @Test
    void notAMySqlUrl() {
        assertShortReport(start("postgresql://localhost/issuegraph", "root", PASSWORD),
                "SPRING_DATASOURCE_URL must start with jdbc:mysql://");
        StartupAttempt mariaDbUrl = start("jdbc:mariadb://localhost:3306/issuegraph", "root", PASSWORD);
        assertShortReport(mariaDbUrl, "SPRING_DATASOURCE_URL must start with jdbc:mysql://");
        assertThat(mariaDbUrl.report()).contains("Write jdbc:mysql:// instead of jdbc:mariadb://");
    }

    @Test
    void notMySqlAtAll() throws Exception {
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var answering = new Thread(() -> answerWithGarbage(server));
            answering.setDaemon(true);
            answering.start();
            StartupAttempt attempt = start("jdbc:mysql://127.0.0.1:" + server.getLocalPort() + "/issuegraph",
                    "root", PASSWORD);
            assertShortReport(attempt, "The server at 127.0.0.1:" + server.getLocalPort()
                    + " (SPRING_DATASOURCE_URL) does not answer like MySQL or MariaDB (the driver says: ");
        }
    }

    private static void answerWithGarbage(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
                out.write("SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static StartupAttempt start(String url, String username, String password) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", url);
        properties.put("spring.datasource.username", username);
        properties.put("spring.datasource.password", password);
        properties.put("server.port", "0");
        properties.put("issuegraph.identity.jwt-secret", TestIdentity.JWT_SECRET);
        return StartupAttempt.run(properties);
    }

    private static void assertShortReport(StartupAttempt attempt, String description) {
        assertThat(attempt.failure()).as(attempt.output()).isNotNull();
        assertThat(attempt.report()).as(attempt.output()).startsWith("APPLICATION FAILED TO START")
                .contains("Description:\n\n" + description).contains("Action:");
        assertThat(attempt.report().lines()).hasSizeLessThanOrEqualTo(15);
        assertThat(attempt.output()).doesNotContain("\tat ").doesNotContain(PASSWORD);
    }
}
