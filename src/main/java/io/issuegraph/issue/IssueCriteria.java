package io.issuegraph.issue;

import java.time.OffsetDateTime;
import java.util.Set;

/**
 * Which issues a listing shows; every condition given must hold (null: no condition).
 *
 * @param search the words the title must have (docs/api.md#search)
 * @param updatedAfter only issues whose {@code updated_at} is later than this
 */
record IssueCriteria(Set<IssueStatus> statuses, String assigneeId, String assigneeEmail, IssueSearch search,
        OffsetDateTime updatedAfter) {

    IssueCriteria {
        statuses = Set.copyOf(statuses);
    }

    IssueCriteria(Set<IssueStatus> statuses, String assigneeId, String assigneeEmail) {
        this(statuses, assigneeId, assigneeEmail, null, null);
    }

    /** Whether every status is allowed: then no status condition is needed. */
    boolean allStatuses() {
        return statuses.size() == IssueStatus.values().length;
    }

    /** Whether no issue can match, so that nothing need be read. */
    boolean matchesNothing() {
        return statuses.isEmpty() || search != null && search.findsNothing();
    }
}
