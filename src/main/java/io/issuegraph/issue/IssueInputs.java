package io.issuegraph.issue;

import java.util.List;

/** The GraphQL input types of the issue operations, bound by Spring for GraphQL. */
final class IssueInputs {

    private IssueInputs() {
    }

    record IssueFilter(List<IssueStatus> status, Boolean assignedToMe, String assigneeEmail) {
    }

    record CreateIssueInput(String title, IssueStatus status, String idempotencyKey) {
    }

    record UpdateIssueInput(String title, IssueStatus status) {
    }
}
