package io.issuegraph.identity;

/**
 * Accounts whose deletion was asked for. Their tokens stay cryptographically valid until {@code exp}
 * (docs/identity.md#tokens-outlive-deletion), so issuegraph itself must refuse them. Implemented by the account package.
 */
public interface ClosedAccounts {

    /** Whether tokens of this user are refused. In memory: no database round trip per request. */
    boolean refusesTokensOf(String userId);
}
