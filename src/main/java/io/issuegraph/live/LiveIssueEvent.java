package io.issuegraph.live;

import graphql.GraphQLContext;
import io.issuegraph.graphql.SharedEvent;
import io.issuegraph.graphql.SharedRenderings;
import io.issuegraph.identity.IdentityAuthentication;
import io.issuegraph.issue.Issue;
import io.issuegraph.issue.IssueEvent;
import io.issuegraph.issue.ViewerRelation;

/**
 * The GraphQL {@code IssueEvent}: what changed, the issue as it is now (null once deleted), and where it
 * stands. One that is {@code broadcast} to this instance's subscribers is rendered once per group of them:
 * those with the same selection and variables, in the same {@link ViewerRelation} to the issue
 * (docs/live-updates.md#one-rendering-per-group), the renderings kept with it; a replayed one is its
 * subscriber's own, and has none.
 */
record LiveIssueEvent(IssueEvent.Kind kind, String issueId, Issue issue, String cursor, IssueEvent event,
        SharedRenderings renderings) implements SharedEvent {

    /** What every viewer of an event without an issue sees alike. */
    private static final String NO_ISSUE = "no issue";

    static LiveIssueEvent of(IssueEvent event, Issue issue, EventCursors cursors, boolean broadcast) {
        return new LiveIssueEvent(event.kind(), Long.toString(event.issueId()),
                event.kind() == IssueEvent.Kind.DELETED ? null : issue,
                cursors.encode(new EventCursor(event.id(), event.createdAt().toInstant())), event,
                broadcast ? new SharedRenderings() : null);
    }

    @Override
    public Object viewer(GraphQLContext context) {
        return context.get(IdentityAuthentication.CONTEXT_KEY);
    }

    @Override
    public Object viewerKey(Object viewer) {
        if (renderings == null || !(viewer instanceof IdentityAuthentication caller)) {
            return null;
        }
        return issue == null ? NO_ISSUE : ViewerRelation.of(issue, caller.getPrincipal());
    }
}
