package io.issuegraph.issue;

/** The GraphQL enum, with the tutorial's database values. */
public enum IssueStatus {
    TODO("to-do"),
    IN_PROGRESS("in progress"),
    DONE("done");

    private static final IssueStatus[] VALUES = values();

    private final String databaseValue;

    IssueStatus(String databaseValue) {
        this.databaseValue = databaseValue;
    }

    String databaseValue() {
        return databaseValue;
    }

    /** Once for every issue read: a loop over the three, without copying {@code values()} each time. */
    static IssueStatus fromDatabase(String value) {
        for (IssueStatus status : VALUES) {
            if (status.databaseValue.equals(value)) {
                return status;
            }
        }
        throw new IllegalStateException("Unknown issue status in the database: " + value);
    }
}
