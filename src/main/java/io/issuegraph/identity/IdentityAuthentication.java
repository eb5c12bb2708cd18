package io.issuegraph.identity;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated request: the typed principal, and the token it came with (for the delete bridge).
 * The token of an account that is being closed counts for {@code deleteMyAccount} only, with no roles.
 */
public class IdentityAuthentication extends AbstractAuthenticationToken {

    private final IdentityUser user;
    private final String token;
    private final boolean closingAccount;

    IdentityAuthentication(IdentityUser user, String token, boolean closingAccount) {
        super(closingAccount ? List.of()
                : user.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList());
        this.user = user;
        this.token = token;
        this.closingAccount = closingAccount;
        setAuthenticated(true);
    }

    /** Whether the account is closed and its Identity user not yet deleted (see {@link ClosedAccounts.Standing#CLOSING}). */
    public boolean isClosingAccount() {
        return closingAccount;
    }

    @Override
    public IdentityUser getPrincipal() {
        return user;
    }

    /** The caller's own bearer token. */
    @Override
    public String getCredentials() {
        return token;
    }

    @Override
    public String getName() {
        return user.id();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IdentityAuthentication that && user.equals(that.user) && token.equals(that.token)
                && closingAccount == that.closingAccount;
    }

    @Override
    public int hashCode() {
        return List.of(user, token).hashCode();
    }
}
