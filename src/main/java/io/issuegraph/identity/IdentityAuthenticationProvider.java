package io.issuegraph.identity;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Bearer token → {@link IdentityAuthentication}, whatever the verification mode; refuses closed accounts,
 * and marks those still being closed.
 */
class IdentityAuthenticationProvider implements AuthenticationProvider {

    private final TokenVerifier verifier;
    private final StorableIdentity storable;
    private final ClosedAccounts closedAccounts;

    IdentityAuthenticationProvider(TokenVerifier verifier, StorableIdentity storable, ClosedAccounts closedAccounts) {
        this.verifier = verifier;
        this.storable = storable;
        this.closedAccounts = closedAccounts;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String token = ((BearerTokenAuthenticationToken) authentication).getToken();
        IdentityUser user;
        try {
            user = verifier.verify(token);
        } catch (IdentityUserGoneException gone) {
            closedAccounts.identityUserGone(gone.userId());
            throw gone;
        }
        storable.check(user);
        return switch (closedAccounts.standingOf(user.id())) {
            case OPEN -> new IdentityAuthentication(user, token, false);
            case CLOSING -> new IdentityAuthentication(user, token, true);
            case CLOSED -> throw new InvalidBearerTokenException("account deleted");
        };
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
