package io.issuegraph.identity;

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
    private final StorableIdentity storable;
    private final ClosedAccounts closedAccounts;
    private final MembershipProperties membership;

    IdentityAuthenticationProvider(TokenVerifier verifier, StorableIdentity storable, ClosedAccounts closedAccounts,
            MembershipProperties membership) {
        this.verifier = verifier;
        this.storable = storable;
        this.closedAccounts = closedAccounts;
        this.membership = membership;
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
        return membership.requiredRole() == null || user.isAdmin() || user.roles().contains(membership.requiredRole());
    }

    @Override
    public boolean isKnownGood(String token) {
        try {
            return verifier.verifyWithoutAsking(token) != null;
        } catch (AuthenticationException bad) {
            return false;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
