package io.issuegraph.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures tell the client "the database is unavailable, retry" and which stay internal errors. */
class DatabaseFailuresTest {

    @Test
    void connectionFailuresAreUnavailable() {
        var poolTimeout = new SQLTransientConnectionException("HikariPool-1 - Connection is not available");
        assertThat(DatabaseFailures.isUnavailable(new CannotGetJdbcConnectionException("no connection", poolTimeout)))
                .isTrue();
        assertThat(DatabaseFailures.isUnavailable(new CannotCreateTransactionException("begin", poolTimeout))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(new RecoverableDataAccessException("insert",
                new SQLException("Communications link failure", "08S01")))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(new SQLException("Server shutdown in progress", "08S01", 1053)))
                .isTrue();
        assertThat(DatabaseFailures.isUnavailable(new SQLException("read-only", "HY000", 1290))).isTrue();
    }

    @Test
    void aRollbackOnALostConnectionIsUnavailable() {
        // What a commit cut off mid-flight ends in: HikariCP closed the connection, so the rollback fails.
        assertThat(DatabaseFailures.isUnavailable(new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed")))).isTrue();
    }

    @Test
    void otherDatabaseErrorsAreNot() {
        assertThat(DatabaseFailures.isUnavailable(new BadSqlGrammarException("select", "SELECT 1",
                new SQLException("Table 'issues' doesn't exist", "42S02", 1146)))).isFalse();
        assertThat(DatabaseFailures.isUnavailable(new DuplicateKeyException("insert",
                new SQLIntegrityConstraintViolationException("Duplicate entry", "23000", 1062)))).isFalse();
        assertThat(DatabaseFailures.isUnavailable(new PessimisticLockingFailureException("deadlock",
                new SQLException("Deadlock found", "40001", 1213)))).isFalse();
        assertThat(DatabaseFailures.isUnavailable(new IllegalStateException("a bug"))).isFalse();
    }
}
