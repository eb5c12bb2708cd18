package io.issuegraph.issue;

import java.util.Arrays;

/** The GraphQL enum, with the tutorial's database values. */
public enum IssueStatus {
    TODO("to-do"),
    IN_PROGRESS("in progress"),
    DONE("done");

    private final String databaseValue;

    IssueStatus(String databaseValue) {
        this.databaseValue = databaseValue;
    }

    String databaseValue() {
        return databaseValue;
    }

    static IssueStatus fromDatabase(String value) {
        return Arrays.stream(values()).filter(status -> status.databaseValue.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalStateException("Unknown issue status in the database: " + value));
    }
}
