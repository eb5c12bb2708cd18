package io.issuegraph.identity;

/**
 * Accounts whose deletion was asked for. Their tokens stay cryptographically valid until {@code exp}
 * (contract §7.3), so issuegraph itself must refuse them, and no issue may be created for them.
 */
public interface ClosedAccounts {

    /** Whether tokens of this user are refused. In memory: no database round trip per request. */
    boolean refusesTokensOf(String userId);

    /**
     * Inside the caller's transaction, locks the user's deletion record (if any) and tells whether the
     * account is closed; a deletion running at the same time is waited for.
     */
    boolean isClosedForUpdate(String userId);
}
