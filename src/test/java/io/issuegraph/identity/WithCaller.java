package io.issuegraph.identity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.util.List;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.context.support.WithSecurityContext;
import org.springframework.security.test.context.support.WithSecurityContextFactory;

/**
 * Runs a test as a signed-in caller, with the authorities the authentication provider would give them
 * ({@link IdentityAuthentication}): a member by default; {@code member = false} for one who lacks the
 * required role, {@code roles = "admin"} for an admin, {@code closing = true} for an account being closed.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@WithSecurityContext(factory = WithCaller.Factory.class)
public @interface WithCaller {

    /** The user's id; their email is {@code <id>@example.com}, their name the id. */
    String value() default "member";

    String[] roles() default {};

    boolean member() default true;

    boolean closing() default false;

    class Factory implements WithSecurityContextFactory<WithCaller> {

        @Override
        public SecurityContext createSecurityContext(WithCaller caller) {
            return context(caller.value(), List.of(caller.roles()), caller.member(), caller.closing());
        }

        /** The same, for a test that changes callers as it goes (a matrix of callers and operations). */
        public static SecurityContext context(String id, List<String> roles, boolean member, boolean closing) {
            IdentityUser user = new IdentityUser(id, id + "@example.com", id, roles);
            Instant expiresAt = Instant.now().plusSeconds(3600);
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(closing ? IdentityAuthentication.closing(user, "token", expiresAt)
                    : IdentityAuthentication.open(user, "token", expiresAt, member || user.isAdmin()));
            return context;
        }
    }
}
