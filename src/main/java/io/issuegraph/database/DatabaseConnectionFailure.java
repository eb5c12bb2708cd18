package io.issuegraph.database;

import java.sql.SQLException;

/** The first connection at start failed; {@link DatabaseFailureAnalyzer} explains why. */
class DatabaseConnectionFailure extends RuntimeException {

    DatabaseConnectionFailure(SQLException cause) {
        super("Cannot connect to the database", cause);
    }

    SQLException sqlException() {
        return (SQLException) getCause();
    }
}
