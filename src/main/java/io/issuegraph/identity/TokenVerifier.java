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
     * What is known of the token without any work on it, neither a signature checked nor the identity
     * service asked: an acceptance remembered from an earlier {@link #verify}.
     *
     * @return the verified token, or null when it would have to be verified
     */
    VerifiedToken remembered(String token);

    /** Whether {@link #verify} decides here (a secret or fetched keys), without asking the identity service. */
    default boolean decidesLocally() {
        return true;
    }
}
