package io.issuegraph.identity;

import org.springframework.security.core.AuthenticationException;

/** Tells who a bearer token belongs to, in one of the modes of {@link io.issuegraph.IdentityProperties.Mode}. */
interface TokenVerifier {

    /**
     * @throws org.springframework.security.oauth2.server.resource.InvalidBearerTokenException when the
     *     token is not valid
     * @throws IdentityServiceUnavailableException when validity cannot be established now
     */
    VerifiedToken verify(String token) throws AuthenticationException;

    /**
     * As {@link #verify}, but only as far as it can go without a call to the identity service.
     *
     * @return the verified token, or null when only the identity service can tell
     */
    VerifiedToken verifyWithoutAsking(String token) throws AuthenticationException;
}
