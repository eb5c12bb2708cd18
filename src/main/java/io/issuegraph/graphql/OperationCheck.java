package io.issuegraph.graphql;

import graphql.execution.ExecutionContext;

/**
 * A rule an operation must pass once it is known (sent as text or by hash) and before any of its fields
 * runs. {@link RequestLimitsInstrumentation} runs every such bean, so that graphql-java calls one
 * instrumentation per field instead of one per rule.
 */
@FunctionalInterface
public interface OperationCheck {

    /** @throws graphql.execution.AbortExecutionException to refuse the operation, with the errors to answer */
    void check(ExecutionContext operation);
}
