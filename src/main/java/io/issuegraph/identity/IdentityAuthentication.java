package io.issuegraph.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import reactor.util.context.ContextView;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated request: the typed principal, the token it came with (for the delete bridge), and
 * what the caller may do, decided once, here, whatever the transport (docs/api.md#who-may-do-what):
 * <ul>
 * <li>{@value #SIGNED_IN}: an open account, which may ask who it is;</li>
 * <li>{@value #MEMBER}: may read and change issues (every open account, unless
 *     {@code ISSUEGRAPH_IDENTITY_REQUIRED_ROLE} names a role it lacks; admins always);</li>
 * <li>{@value #CLOSE_ACCOUNT}: may call {@code deleteMyAccount}; the only authority of an account that is
 *     being closed, so that its owner can finish closing it and do nothing else;</li>
 * <li>{@code ROLE_}<i>role</i> for each of {@code app_metadata.roles} (health details need {@code ROLE_admin}).</li>
 * </ul>
 * Method security on the controllers ({@code @PreAuthorize}) checks them.
 */
public class IdentityAuthentication extends AbstractAuthenticationToken {

    public static final String SIGNED_IN = "SIGNED_IN";
    public static final String MEMBER = "MEMBER";
    public static final String CLOSE_ACCOUNT = "CLOSE_ACCOUNT";
    /** What a request without a bearer token is told, on every transport. */
    public static final String SIGN_IN = "Sign in: this operation needs a bearer token from Netlify Identity.";
    /** Where {@link CallerInterceptor} leaves the caller in the GraphQL context. */
    public static final String CONTEXT_KEY = "issuegraph.caller";

    private final IdentityUser user;
    private final String token;
    private final Instant expiresAt;
    private final boolean closingAccount;

    private IdentityAuthentication(IdentityUser user, String token, Instant expiresAt, boolean closingAccount,
            List<GrantedAuthority> authorities) {
        super(authorities);
        this.user = user;
        this.token = token;
        this.expiresAt = expiresAt;
        this.closingAccount = closingAccount;
        setAuthenticated(true);
    }

    static IdentityAuthentication open(IdentityUser user, String token, Instant expiresAt, boolean member) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(SIGNED_IN));
        authorities.add(new SimpleGrantedAuthority(CLOSE_ACCOUNT));
        if (member) {
            authorities.add(new SimpleGrantedAuthority(MEMBER));
        }
        user.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        return new IdentityAuthentication(user, token, expiresAt, false, authorities);
    }

    /** An account that is closed, and whose Identity user is not yet deleted ({@link ClosedAccounts.Standing#CLOSING}). */
    static IdentityAuthentication closing(IdentityUser user, String token, Instant expiresAt) {
        return new IdentityAuthentication(user, token, expiresAt, true, List.of(new SimpleGrantedAuthority(CLOSE_ACCOUNT)));
    }

    /**
     * The caller of the request being handled: on the request's thread for HTTP; for a WebSocket message,
     * from the Reactor context its authentication was put in (as Spring's WebSocket interceptors do).
     */
    public static IdentityAuthentication current(ContextView context) {
        // over WebSocket the thread holds the handshake's anonymous authentication
        if (SecurityContextHolder.getContext().getAuthentication() instanceof IdentityAuthentication caller) {
            return caller;
        }
        Authentication authentication = context.<SecurityContext>getOrEmpty(SecurityContext.class.getName())
                .map(SecurityContext::getAuthentication).orElse(null);
        return authentication instanceof IdentityAuthentication caller ? caller : null;
    }

    /** The token's {@code exp}: a stream opened with it ends then. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** Whether the account is closed and its Identity user not yet deleted. */
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
                && closingAccount == that.closingAccount && getAuthorities().equals(that.getAuthorities());
    }

    @Override
    public int hashCode() {
        return List.of(user, token).hashCode();
    }
}
