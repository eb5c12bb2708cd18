package io.issuegraph.live;

import io.issuegraph.issue.Issue;
import io.issuegraph.issue.IssueEvent;

/** The GraphQL {@code IssueEvent}: what changed, the issue as it is now (null once deleted), and where it stands. */
record LiveIssueEvent(IssueEvent.Kind kind, String issueId, Issue issue, String cursor, IssueEvent event) {

    static LiveIssueEvent of(IssueEvent event, Issue issue, EventCursors cursors) {
        return new LiveIssueEvent(event.kind(), Long.toString(event.issueId()),
                event.kind() == IssueEvent.Kind.DELETED ? null : issue,
                cursors.encode(new EventCursor(event.id(), event.createdAt().toInstant())), event);
    }
}
