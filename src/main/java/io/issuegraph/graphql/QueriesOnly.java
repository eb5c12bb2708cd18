package io.issuegraph.graphql;

import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.language.OperationDefinition;
import io.issuegraph.RequestPipeline;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.ExecutionGraphQlRequest;
import org.springframework.stereotype.Component;

/**
 * Requests that may only read (GET, which caches and proxies treat as safe): a mutation among them is
 * refused once its operation is known, whether the document came as text or as a persisted hash, and
 * before any of its fields runs.
 */
@Component
@Order(RequestPipeline.QUERIES_ONLY)
public class QueriesOnly implements OperationCheck {

    private static final String KEY = QueriesOnly.class.getName();

    /** Marks a request as one that must not change anything. */
    public static void mark(ExecutionGraphQlRequest request) {
        request.configureExecutionInput((input, builder) -> builder.graphQLContext(context -> context.put(KEY, true))
                .build());
    }

    @Override
    public void check(ExecutionContext operation) {
        if (operation.getGraphQLContext().getBoolean(KEY, false)
                && operation.getOperationDefinition().getOperation() != OperationDefinition.Operation.QUERY) {
            throw new AbortExecutionException(List.of(Refusal.METHOD_NOT_ALLOWED.error(
                    "Only queries can be sent with GET; send mutations with POST.", null)));
        }
    }
}
