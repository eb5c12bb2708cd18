package io.issuegraph.identity;

import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * GoTrue answered 404 to a token: it checked the signature, then found no such user. So the token's
 * {@code sub} is genuine, and that Identity user is gone.
 */
class IdentityUserGoneException extends InvalidBearerTokenException {

    private final String userId;

    IdentityUserGoneException(String userId) {
        super(ClosedAccounts.ACCOUNT_DELETED);
        this.userId = userId;
    }

    String userId() {
        return userId;
    }
}
