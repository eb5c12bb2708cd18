package io.issuegraph.issue;

import io.issuegraph.identity.IdentityAuthentication;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * What the signed-in user may do with an issue, so that a page offers only that (as GitHub's
 * {@code viewerCanUpdate}). The caller comes from the request's GraphQL context
 * ({@link io.issuegraph.identity.CallerInterceptor}), not the thread: these fields are also resolved for
 * the events of a subscription, on the thread that delivers them. They say nothing that reading the issue
 * does not, so they need no rule of their own: whoever may see the issue may ask. They read the caller only
 * through its {@link ViewerRelation} to the issue, by which live events are rendered once per group of
 * subscribers.
 */
@Controller
class IssueViewerController {

    @SchemaMapping(typeName = "Issue")
    boolean viewerCanUpdate(Issue issue, @ContextValue(IdentityAuthentication.CONTEXT_KEY) IdentityAuthentication caller) {
        return ViewerRelation.of(issue, caller.getPrincipal()).mayChange();
    }

    @SchemaMapping(typeName = "Issue")
    boolean viewerCanDelete(Issue issue, @ContextValue(IdentityAuthentication.CONTEXT_KEY) IdentityAuthentication caller) {
        return ViewerRelation.of(issue, caller.getPrincipal()).mayChange();
    }
}
