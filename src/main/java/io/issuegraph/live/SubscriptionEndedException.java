package io.issuegraph.live;

import io.issuegraph.graphql.ApiException;
import org.springframework.graphql.execution.ErrorType;

/** Why the server ended a stream: the final error its client gets, with a classification. */
final class SubscriptionEndedException {

    private SubscriptionEndedException() {
    }

    static ApiException tokenExpired() {
        return new ApiException(ErrorType.UNAUTHORIZED, "Your token has expired: sign in again and resubscribe.");
    }

    static ApiException accountDeleted() {
        return new ApiException(ErrorType.UNAUTHORIZED, io.issuegraph.identity.ClosedAccounts.ACCOUNT_DELETED);
    }

    static ApiException tooSlow() {
        return ApiException.badRequest("This stream fell too far behind and was ended: resubscribe with the cursor "
                + "of the last event you got as after.");
    }

    static ApiException cursorTooOld() {
        return ApiException.badRequest("This cursor is older than the events kept (ISSUEGRAPH_LIVE_RETENTION): "
                + "reload the issues, then subscribe without after.");
    }

    static ApiException tooMany(int limit) {
        return ApiException.badRequest("You have " + limit + " open subscriptions on this server, the most allowed: "
                + "close one first.");
    }
}
