package io.issuegraph.identity;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated request: the typed principal, and the token it came with (for the delete bridge). */
public class IdentityAuthentication extends AbstractAuthenticationToken {

    private final IdentityUser user;
    private final String token;

    IdentityAuthentication(IdentityUser user, String token) {
        super(user.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList());
        this.user = user;
        this.token = token;
        setAuthenticated(true);
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
        return other instanceof IdentityAuthentication that && user.equals(that.user) && token.equals(that.token);
    }

    @Override
    public int hashCode() {
        return List.of(user, token).hashCode();
    }
}
