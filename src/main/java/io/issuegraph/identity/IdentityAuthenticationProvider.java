package io.issuegraph.identity;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/** Bearer token → {@link IdentityAuthentication}, whatever the verification mode; refuses closed accounts. */
class IdentityAuthenticationProvider implements AuthenticationProvider {

    private final TokenVerifier verifier;
    private final ClosedAccounts closedAccounts;

    IdentityAuthenticationProvider(TokenVerifier verifier, ClosedAccounts closedAccounts) {
        this.verifier = verifier;
        this.closedAccounts = closedAccounts;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String token = ((BearerTokenAuthenticationToken) authentication).getToken();
        IdentityUser user = verifier.verify(token);
        if (closedAccounts.refusesTokensOf(user.id())) {
            throw new InvalidBearerTokenException("account deleted");
        }
        return new IdentityAuthentication(user, token);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
