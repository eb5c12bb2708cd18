package io.issuegraph.issue;

/**
 * Keeps a closed account from getting new issues. Owned here, where it is used; the account package,
 * which knows which accounts are closed, implements it.
 */
public interface ClosedAccountGuard {

    /**
     * Inside the caller's transaction, locks the user's deletion record (if any) and tells whether the
     * account is closed; a deletion running at the same time is waited for.
     */
    boolean isClosedForUpdate(String userId);
}
