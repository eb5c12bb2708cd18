package io.issuegraph.issue;

import java.time.OffsetDateTime;

/** An issue as stored; {@code id} is the database key, shown to clients as an opaque ID. */
public record Issue(long id, String title, IssueStatus status, Assignee assignee, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /** Who the issue is assigned to: its creator, as their token described them then. */
    public record Assignee(String id, String name, String email) {
    }
}
