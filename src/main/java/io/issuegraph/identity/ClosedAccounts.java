package io.issuegraph.identity;

import java.time.Instant;

/**
 * Accounts whose deletion was asked for. Their tokens stay cryptographically valid until {@code exp}
 * (docs/identity.md#tokens-outlive-deletion), so issuegraph itself must refuse them. Implemented by the account package.
 */
public interface ClosedAccounts {

    /** What a closed account's token is told, wherever it is refused. */
    String ACCOUNT_DELETED = "account deleted";

    /** Where an account stands, as far as its tokens are concerned. */
    enum Standing {
        /** Not closed: tokens are accepted. */
        OPEN,
        /**
         * Closed, and its Identity user not yet deleted: tokens are accepted for {@code deleteMyAccount}
         * only, so that the owner can finish the deletion (the delete bridge needs their token).
         */
        CLOSING,
        /** Closed, and the Identity user gone: tokens are refused until they have expired. */
        CLOSED
    }

    /** In memory: no database round trip per request. */
    Standing standingOf(String userId);

    /** Why a token accepted earlier no longer counts. */
    enum Lapse { TOKEN_EXPIRED, ACCOUNT_CLOSED }

    /**
     * Whether a token accepted earlier still counts now, for what stays open on it (a stream, a socket):
     * null while it does; else why not, its {@code exp} passed or its account closed.
     */
    default Lapse lapse(String userId, Instant expiresAt, Instant now) {
        if (!now.isBefore(expiresAt)) {
            return Lapse.TOKEN_EXPIRED;
        }
        return standingOf(userId) == Standing.OPEN ? null : Lapse.ACCOUNT_CLOSED;
    }

    /**
     * Identity said this user does not exist (GoTrue's 404 for a validly signed token): a pending
     * deletion of the account is done.
     */
    void identityUserGone(String userId);
}
