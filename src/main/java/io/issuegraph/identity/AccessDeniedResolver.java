package io.issuegraph.identity;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import io.issuegraph.IdentityProperties;
import java.util.function.Function;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SecurityDataFetcherExceptionResolver;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Says why method security refused a field, in place of Spring's bare "Forbidden": a closed account's
 * token is told its account is deleted (UNAUTHORIZED, as everywhere else), a signed-in user without
 * the required role which role they lack (FORBIDDEN). It replaces Boot's resolver, and so also answers
 * what that one would. A refused subscription is answered the same way ({@link Subscriptions}).
 */
@Component
class AccessDeniedResolver extends SecurityDataFetcherExceptionResolver {

    private final IdentityProperties identity;

    AccessDeniedResolver(IdentityProperties identity) {
        this.identity = identity;
    }

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment environment) {
        GraphQLError error = explain(ex, identity, builder -> builder.path(environment.getExecutionStepInfo().getPath())
                .location(environment.getField().getSourceLocation()));
        return error != null ? error : super.resolveToSingleError(ex, environment);
    }

    /** The error for a refusal of this caller, or null when there is nothing more to say than Spring does. */
    static GraphQLError explain(Throwable ex, IdentityProperties identity,
            Function<GraphqlErrorBuilder<?>, GraphqlErrorBuilder<?>> where) {
        if (!(ex instanceof AccessDeniedException || ex instanceof AuthenticationException)) {
            return null;
        }
        if (SecurityContextHolder.getContext().getAuthentication() instanceof IdentityAuthentication caller) {
            if (caller.isClosingAccount()) {
                return where.apply(GraphqlErrorBuilder.newError()).errorType(ErrorType.UNAUTHORIZED)
                        .message(ClosedAccounts.ACCOUNT_DELETED).build();
            }
            if (identity.requiredRole() != null && caller.getAuthorities().stream()
                    .noneMatch(authority -> IdentityAuthentication.MEMBER.equals(authority.getAuthority()))) {
                return where.apply(GraphqlErrorBuilder.newError()).errorType(ErrorType.FORBIDDEN).message("This needs the \""
                        + identity.requiredRole() + "\" role in your Identity account; ask an administrator. You can "
                        + "still query me and use deleteMyAccount.").build();
            }
            return where.apply(GraphqlErrorBuilder.newError()).errorType(ErrorType.FORBIDDEN)
                    .message("You may not do this.").build();
        }
        return ex instanceof AuthenticationException || ex instanceof AccessDeniedException
                ? where.apply(GraphqlErrorBuilder.newError()).errorType(ErrorType.UNAUTHORIZED)
                        .message(IdentityAuthentication.SIGN_IN).build()
                : null;
    }

    /** For subscriptions, whose refusal comes as the stream's error. */
    @Component
    static class Subscriptions extends SubscriptionExceptionResolverAdapter {

        private final IdentityProperties identity;

        Subscriptions(IdentityProperties identity) {
            this.identity = identity;
            setThreadLocalContextAware(true);
        }

        @Override
        protected GraphQLError resolveToSingleError(Throwable exception) {
            return explain(exception, identity, builder -> builder);
        }
    }
}
