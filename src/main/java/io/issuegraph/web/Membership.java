package io.issuegraph.web;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import io.issuegraph.identity.IdentityUser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.graphql.ExecutionGraphQlRequest;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * With {@code ISSUEGRAPH_IDENTITY_REQUIRED_ROLE} set, a signed-in user without that role (and not an
 * admin) may only see who they are and close their account: any other top-level field refuses the whole
 * operation with FORBIDDEN before it runs. Open sign-up then no longer means access to everything.
 */
@Component
class Membership extends SimplePerformantInstrumentation {

    private static final String NON_MEMBER = Membership.class.getName();
    private static final Set<String> OPEN_TO_ALL = Set.of("me", "deleteMyAccount", "__typename");

    private final MembershipProperties properties;

    Membership(MembershipProperties properties) {
        this.properties = properties;
    }

    /** Marks the request of a caller who lacks the required role. */
    void identify(ExecutionGraphQlRequest request) {
        if (properties.requiredRole() == null) {
            return;
        }
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof IdentityUser user && !user.isAdmin()
                && !user.roles().contains(properties.requiredRole())) {
            request.configureExecutionInput((input, builder) -> builder.graphQLContext(
                    context -> context.put(NON_MEMBER, true)).build());
        }
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        var execution = parameters.getExecutionContext();
        if (execution.getGraphQLContext().getBoolean(NON_MEMBER, false)
                && !onlyOpenFields(execution.getOperationDefinition().getSelectionSet(), execution.getFragmentsByName())) {
            throw new AbortExecutionException(List.of(GraphqlErrorBuilder.newError()
                    .message("This needs the \"" + properties.requiredRole() + "\" role in your Identity account; "
                            + "ask an administrator. You can still query me and use deleteMyAccount.")
                    .errorType(ErrorType.FORBIDDEN).build()));
        }
        return super.beginExecuteOperation(parameters, state);
    }

    private static boolean onlyOpenFields(SelectionSet set, Map<String, FragmentDefinition> fragments) {
        for (Selection<?> selection : set.getSelections()) {
            boolean open = selection instanceof Field field ? OPEN_TO_ALL.contains(field.getName())
                    : selection instanceof InlineFragment inline ? onlyOpenFields(inline.getSelectionSet(), fragments)
                    : selection instanceof FragmentSpread spread && fragments.containsKey(spread.getName())
                            && onlyOpenFields(fragments.get(spread.getName()).getSelectionSet(), fragments);
            if (!open) {
                return false;
            }
        }
        return true;
    }
}
