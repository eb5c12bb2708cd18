package io.issuegraph.issue;

import java.time.OffsetDateTime;

/**
 * One committed change of an issue, as the outbox holds it (docs/live-updates.md).
 *
 * @param id its position in the stream: ids grow, but may commit out of order
 * @param status the issue's status after the change; before it, for {@link Kind#DELETED}
 * @param previousStatus for {@link Kind#UPDATED}, the status before; else null
 */
public record IssueEvent(long id, long issueId, Kind kind, IssueStatus status, IssueStatus previousStatus,
        String assigneeId, String assigneeEmail, OffsetDateTime createdAt) {

    public enum Kind { CREATED, UPDATED, DELETED }
}
