package io.issuegraph.issue;

import java.util.Set;

/** Which issues a listing shows; every condition given must hold (null: no condition). */
record IssueCriteria(Set<IssueStatus> statuses, String assigneeId, String assigneeEmail) {

    IssueCriteria {
        statuses = Set.copyOf(statuses);
    }

    boolean isUnfiltered() {
        return statuses.size() == IssueStatus.values().length && assigneeId == null && assigneeEmail == null;
    }
}
