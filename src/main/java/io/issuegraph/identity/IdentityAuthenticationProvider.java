package io.issuegraph.identity;

import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Bearer token → {@link IdentityAuthentication}, whatever the verification mode: refuses closed accounts,
 * and gives each caller the authorities that decide what they may do.
 */
class IdentityAuthenticationProvider implements AuthenticationProvider, TokenPrecheck {

    private final TokenVerifier verifier;
    private final StorableIdentityCheck storable;
    private final ClosedAccounts closedAccounts;
    private final String requiredRole;

    /** @param requiredRole the role that makes a member ({@code IdentityProperties#requiredRole}), or null */
    IdentityAuthenticationProvider(TokenVerifier verifier, StorableIdentityCheck storable, ClosedAccounts closedAccounts,
            String requiredRole) {
        this.verifier = verifier;
        this.storable = storable;
        this.closedAccounts = closedAccounts;
        this.requiredRole = requiredRole;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String token = ((BearerTokenAuthenticationToken) authentication).getToken();
        VerifiedToken verified;
        try {
            verified = verifier.verify(token);
        } catch (IdentityUserGoneException gone) {
            closedAccounts.identityUserGone(gone.userId());
            throw gone;
        }
        IdentityUser user = verified.user();
        storable.check(user);
        return switch (closedAccounts.standingOf(user.id())) {
            case OPEN -> IdentityAuthentication.open(user, token, verified.expiresAt(), isMember(user));
            case CLOSING -> IdentityAuthentication.closing(user, token, verified.expiresAt());
            case CLOSED -> throw new InvalidBearerTokenException(ClosedAccounts.ACCOUNT_DELETED);
        };
    }

    /** Without a required role every signed-in user is a member; admins always are. */
    private boolean isMember(IdentityUser user) {
        return requiredRole == null || user.isAdmin() || user.roles().contains(requiredRole);
    }

    @Override
    public boolean isKnownGood(String token) {
        return verifier.remembered(token) != null;
    }

    @Override
    public boolean verifiesLocally(String token) {
        if (!verifier.decidesLocally()) {
            return false;
        }
        try {
            return verifier.verify(token) != null;
        } catch (AuthenticationException badOrKeysUnavailable) {
            return false;
        }
    }

    @Override
    public String claimedUser(String token) {
        try {
            return JWTParser.parse(token).getJWTClaimsSet().getSubject();
        } catch (ParseException notAJwt) {
            return null;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
