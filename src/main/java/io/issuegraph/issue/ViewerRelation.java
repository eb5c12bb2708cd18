package io.issuegraph.issue;

import io.issuegraph.identity.IdentityUser;

/**
 * How a viewer stands to an issue: all that the viewer's own fields of {@code Issue} ({@code viewerCanUpdate},
 * {@code viewerCanDelete}) may read of the caller. Viewers in the same relation may be sent one rendering
 * of an issue (live events are), so a field that reads anything else of the caller must first be told
 * apart here.
 */
public enum ViewerRelation {
    /** The issue is assigned to the viewer. */
    ASSIGNEE,
    /** An admin, not the assignee. */
    ADMIN,
    /** Any other member. */
    OTHER;

    public static ViewerRelation of(Issue issue, IdentityUser viewer) {
        if (viewer.id().equals(issue.assignee().id())) {
            return ASSIGNEE;
        }
        return viewer.isAdmin() ? ADMIN : OTHER;
    }

    /** Whether the viewer may change or delete the issue: its assignee, or an admin. */
    public boolean mayChange() {
        return this != OTHER;
    }
}
