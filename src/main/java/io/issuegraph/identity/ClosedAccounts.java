package io.issuegraph.identity;

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

    /**
     * Identity said this user does not exist (GoTrue's 404 for a validly signed token): a pending
     * deletion of the account is done.
     */
    void identityUserGone(String userId);
}
