package io.issuegraph.graphql.plan;

import graphql.ExecutionResult;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategy;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.ResultNodesInfo;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a query or a mutation through its compiled plan, root fields one after another as graphql-java's
 * {@code AsyncSerialExecutionStrategy} runs them, or through that strategy where
 * the plan does not cover the operation or this execution asks for what plans do not do (data loaders,
 * deferred fields, a result-node limit, errors that do not propagate). Everything around the strategy
 * (parsing, validation, variables, instrumentation, the exception resolvers, the response) is
 * graphql-java's and Spring's as before (docs/architecture.md#compiled-execution).
 */
final class CompiledExecutionStrategy extends ExecutionStrategy {

    private final ExecutionStrategy fallback;
    private final ExecutionPlans plans;

    CompiledExecutionStrategy(DataFetcherExceptionHandler exceptionHandler, ExecutionStrategy fallback, ExecutionPlans plans) {
        super(exceptionHandler);
        this.fallback = fallback;
        this.plans = plans;
    }

    @Override
    public CompletableFuture<ExecutionResult> execute(ExecutionContext context, ExecutionStrategyParameters parameters) {
        ObjectPlan plan = compiledRunsThis(context) ? plans.planFor(context, parameters) : null;
        if (plan == null) {
            return fallback.execute(context, parameters);
        }
        try {
            return CompletableFuture.completedFuture(new PlanRun(context, dataFetcherExceptionHandler)
                    .execute(plan, parameters.getSource(), parameters.getLocalContext(), parameters.getExecutionStepInfo()));
        } catch (RuntimeException failure) {
            // what graphql-java does with an exception that no handler took: the execution fails
            return CompletableFuture.failedFuture(failure);
        }
    }

    private static boolean compiledRunsThis(ExecutionContext context) {
        return context.propagateErrorsOnNonNullContractFailure() && !context.hasIncrementalSupport()
                && !context.getGraphQLContext().hasKey(ResultNodesInfo.MAX_RESULT_NODES)
                && context.getDataLoaderRegistry().getDataLoaders().isEmpty();
    }
}
