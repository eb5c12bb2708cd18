package io.issuegraph.identity;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/** Verifies tokens locally: HS256 with the shared secret, or the keys of a JWK set. */
class JwtTokenVerifier implements TokenVerifier {

    private final JwtDecoder decoder;

    JwtTokenVerifier(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public VerifiedToken verify(String token) {
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (BadJwtException invalid) {
            throw new InvalidBearerTokenException("The bearer token is invalid or has expired.", invalid);
        } catch (JwtException keysUnreachable) {
            // Not the token's fault: the JWK set could not be fetched.
            throw new IdentityServiceUnavailableException("The identity service's signing keys are unavailable.",
                    keysUnreachable);
        }
        return new VerifiedToken(IdentityUser.from(jwt.getSubject(), jwt.getClaims()), jwt.getExpiresAt());
    }

    /** Remembers nothing: {@link CachingTokenVerifier} does, around it. */
    @Override
    public VerifiedToken remembered(String token) {
        return null;
    }
}
