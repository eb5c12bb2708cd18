package io.issuegraph.live;

import io.issuegraph.graphql.ApiException;
import org.springframework.graphql.execution.ErrorType;

/** Why the server ended a stream: the final error its client gets, with a classification. */
final class StreamEndings {

    private StreamEndings() {
    }

    static ApiException tokenExpired() {
        return new ApiException(ErrorType.UNAUTHORIZED, "Your token has expired: sign in again and resubscribe.",
                "TOKEN_EXPIRED");
    }

    static ApiException accountDeleted() {
        return new ApiException(ErrorType.UNAUTHORIZED, io.issuegraph.identity.ClosedAccounts.ACCOUNT_DELETED,
                "ACCOUNT_DELETED");
    }

    static ApiException tooSlow() {
        return new ApiException(ErrorType.BAD_REQUEST, "This stream fell too far behind and was ended: resubscribe "
                + "with the cursor of the last event you got as after.", "TOO_SLOW");
    }

    static ApiException cursorTooOld() {
        return new ApiException(ErrorType.BAD_REQUEST, "This cursor is older than the events kept "
                + "(ISSUEGRAPH_LIVE_RETENTION): reload the issues, then subscribe without after.", "CURSOR_EXPIRED");
    }

    static ApiException tooMany(int limit) {
        return new ApiException(ErrorType.BAD_REQUEST, "You have " + limit + " open subscriptions on this server, "
                + "the most allowed: close one first.", "TOO_MANY_SUBSCRIPTIONS");
    }
}
