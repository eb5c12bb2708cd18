package io.issuegraph.database;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a database that cannot be reached now from a failing statement. The former is the same whatever
 * the request (the pool's wait ran out, the connection was reset mid-statement, the server is shutting
 * down or is a read-only replica during a failover), so the client should retry later: see
 * docs/operations.md#when-the-database-fails.
 */
public final class DatabaseFailures {

    /** SQLSTATE class 08: connection exception (refused, reset, lost mid-statement). */
    private static final String CONNECTION_EXCEPTION = "08";

    /**
     * Server errors of a database in transition: 1053 shutdown in progress; 1290 and 1836 read-only (an
     * old primary during a failover); 1927 connection killed (MariaDB).
     */
    private static final Set<Integer> TRANSITION_ERRORS = Set.of(1053, 1290, 1836, 1927);

    private DatabaseFailures() {
    }

    public static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotGetJdbcConnectionException || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && (TRANSITION_ERRORS.contains(sql.getErrorCode())
                    || sql.getSQLState() != null && sql.getSQLState().startsWith(CONNECTION_EXCEPTION))) {
                return true;
            }
            // The transaction could not be ended over its connection: a rollback fails only on a connection
            // that is gone (one HikariCP closed after a connection error), and it hides the original failure.
            if (cause instanceof TransactionSystemException && cause.getCause() instanceof SQLException) {
                return true;
            }
        }
        return false;
    }
}
