package io.issuegraph.issue;

import java.time.OffsetDateTime;
import java.util.List;

/** The GraphQL input types of the issue operations, bound by Spring for GraphQL. */
public final class IssueInputs {

    private IssueInputs() {
    }

    public record IssueFilter(List<IssueStatus> status, Boolean assignedToMe, String assigneeEmail, String search,
            OffsetDateTime updatedAfter) {
    }

    record CreateIssueInput(String title, IssueStatus status, String idempotencyKey) {
    }

    record UpdateIssueInput(String title, IssueStatus status) {
    }
}
