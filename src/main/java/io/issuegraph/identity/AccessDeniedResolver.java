package io.issuegraph.identity;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SecurityDataFetcherExceptionResolver;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Says why method security refused a field, in place of Spring's bare "Forbidden": a closed account's
 * token is told its account is deleted (UNAUTHORIZED, as everywhere else), a signed-in user without
 * the required role which role they lack (FORBIDDEN). It replaces Boot's resolver, and so also answers
 * what that one would.
 */
@Component
class AccessDeniedResolver extends SecurityDataFetcherExceptionResolver {

    private final MembershipProperties membership;

    AccessDeniedResolver(MembershipProperties membership) {
        this.membership = membership;
    }

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment environment) {
        if (ex instanceof AccessDeniedException
                && SecurityContextHolder.getContext().getAuthentication() instanceof IdentityAuthentication caller) {
            if (caller.isClosingAccount()) {
                return error(environment, ErrorType.UNAUTHORIZED, ClosedAccounts.ACCOUNT_DELETED);
            }
            if (membership.requiredRole() != null && caller.getAuthorities().stream()
                    .noneMatch(authority -> IdentityAuthentication.MEMBER.equals(authority.getAuthority()))) {
                return error(environment, ErrorType.FORBIDDEN, "This needs the \"" + membership.requiredRole()
                        + "\" role in your Identity account; ask an administrator. You can still query me and use "
                        + "deleteMyAccount.");
            }
        }
        return super.resolveToSingleError(ex, environment);
    }

    private static GraphQLError error(DataFetchingEnvironment environment, ErrorType type, String message) {
        return GraphqlErrorBuilder.newError(environment).errorType(type).message(message).build();
    }
}
