package io.issuegraph.database;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Objects;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Explains why the first connection at start failed (unreachable, refused credentials, unknown database,
 * not MySQL at all) in Spring Boot's short report, naming the host and port tried and the variable to
 * change; never the password.
 */
class DatabaseFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseConnectionFailure> {

    private static final int ACCESS_DENIED_TO_DATABASE = 1044;
    private static final int ACCESS_DENIED_FOR_USER = 1045;
    private static final int UNKNOWN_DATABASE = 1049;
    private static final String SUPPORTED = "MySQL 8.0+ or MariaDB 10.6+";

    private final Environment environment;

    DatabaseFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DatabaseConnectionFailure failure) {
        SQLException cause = failure.sqlException();
        DatabaseAddress address = DatabaseAddress.of(environment);
        String where = address.hostAndPort();
        String unreachable = unreachable(cause);
        if (unreachable != null) {
            return new FailureAnalysis("Cannot reach the database at " + where + " (" + unreachable + "), which "
                    + DatabaseAddress.VARIABLE + " names.",
                    "Start " + SUPPORTED + " there, or set " + DatabaseAddress.VARIABLE + " to your database, e.g. "
                            + "jdbc:mysql://db.example.com:3306/issuegraph. To try issuegraph with nothing "
                            + "installed, run ./mvnw spring-boot:test-run.", failure);
        }
        int code = cause.getErrorCode();
        if (code == ACCESS_DENIED_FOR_USER || code == ACCESS_DENIED_TO_DATABASE
                || Objects.toString(cause.getSQLState(), "").startsWith("28")) {
            String user = environment == null ? "" : environment.getProperty("spring.datasource.username", "");
            return new FailureAnalysis("The database at " + where + " refused user '" + user + "' (access denied).",
                    "Check SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD, and that this user may use "
                            + "the database '" + address.database() + "' named in " + DatabaseAddress.VARIABLE + ".",
                    failure);
        }
        if (code == UNKNOWN_DATABASE) {
            return new FailureAnalysis("The database server at " + where + " has no database '" + address.database()
                    + "'.", "Create it (CREATE DATABASE " + address.database() + " CHARACTER SET utf8mb4), or correct "
                            + "the name in " + DatabaseAddress.VARIABLE + ".", failure);
        }
        // The driver's text here is about the handshake (no SQL has been sent yet): worth showing.
        return new FailureAnalysis("The server at " + where + " (" + DatabaseAddress.VARIABLE
                + ") does not answer like MySQL or MariaDB (the driver says: " + firstLine(cause.getMessage()) + ").",
                "Point " + DatabaseAddress.VARIABLE + " at " + SUPPORTED + " (or PlanetScale/Vitess).", failure);
    }

    /** Why no connection was made at all, or null when the server answered. */
    private static String unreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return "unknown host";
            }
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
            if (cause instanceof SocketTimeoutException) {
                return "no answer in time";
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        String line = Objects.toString(message, "").lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }
}
