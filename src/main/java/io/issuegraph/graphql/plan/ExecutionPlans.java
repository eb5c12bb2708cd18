package io.issuegraph.graphql.plan;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategy;
import graphql.execution.ExecutionStrategyParameters;
import graphql.language.Argument;
import graphql.language.Directive;
import graphql.language.Node;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.language.OperationDefinition;
import graphql.language.VariableReference;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The compiled plans, by operation. An operation's plan depends only on its document, except where
 * {@code @skip}/{@code @include} read a variable: then there is one plan per value of those variables.
 * Operations are held weakly and by identity: the document cache (graphql.PersistedDocuments) keeps
 * each parsed document, and its plans go with it.
 */
public final class ExecutionPlans {

    /** The plans of one operation; an empty one where the operation is not covered. */
    private record OperationPlans(List<String> conditionVariables, Map<List<Object>, Optional<ObjectPlan>> byConditions) {
    }

    private final Cache<OperationDefinition, OperationPlans> plans;

    /** Plans for at most this many operations (with the document cache's size, as many as it holds). */
    public ExecutionPlans(int maximumSize) {
        this.plans = Caffeine.newBuilder().executor(Runnable::run).weakKeys().maximumSize(maximumSize).build();
    }

    /**
     * A strategy that runs what a plan covers, and hands the rest to {@code fallback}: an
     * {@code AsyncSerialExecutionStrategy} with the same exception handler, whose order of root fields
     * the plans keep.
     */
    public ExecutionStrategy strategy(ExecutionStrategy fallback, DataFetcherExceptionHandler exceptionHandler) {
        return new CompiledExecutionStrategy(exceptionHandler, fallback, this);
    }

    /** The plan for this execution, or null when graphql-java must run it. */
    ObjectPlan planFor(ExecutionContext context, ExecutionStrategyParameters parameters) {
        OperationPlans operation = plans.get(context.getOperationDefinition(),
                definition -> new OperationPlans(conditionVariables(context), new ConcurrentHashMap<>()));
        return operation.byConditions().computeIfAbsent(conditions(operation, context), values -> compile(context, parameters))
                .orElse(null);
    }

    /** The values of the variables the operation's conditions read: none for most operations. */
    private static List<Object> conditions(OperationPlans operation, ExecutionContext context) {
        if (operation.conditionVariables().isEmpty()) {
            return List.of();
        }
        Map<String, Object> variables = context.getCoercedVariables().toMap();
        List<Object> conditions = new ArrayList<>(operation.conditionVariables().size());
        for (String variable : operation.conditionVariables()) {
            conditions.add(variables.get(variable));
        }
        return conditions;
    }

    private static Optional<ObjectPlan> compile(ExecutionContext context, ExecutionStrategyParameters parameters) {
        try {
            return Optional.of(new PlanCompiler(context).compile(
                    parameters.getExecutionStepInfo().getUnwrappedNonNullTypeAs(), parameters.getFields()));
        } catch (PlanCompiler.Unsupported unsupported) {
            return Optional.empty();
        }
    }

    /** The variables that {@code @skip} and {@code @include} read anywhere in the document, sorted. */
    private static List<String> conditionVariables(ExecutionContext context) {
        TreeSet<String> names = new TreeSet<>();
        NodeVisitorStub visitor = new NodeVisitorStub() {

            @Override
            public TraversalControl visitDirective(Directive directive, TraverserContext<Node> traverser) {
                if (directive.getName().equals("skip") || directive.getName().equals("include")) {
                    for (Argument argument : directive.getArguments()) {
                        if (argument.getValue() instanceof VariableReference variable) {
                            names.add(variable.getName());
                        }
                    }
                }
                return TraversalControl.CONTINUE;
            }
        };
        new NodeTraverser().depthFirst(visitor, context.getDocument());
        return List.copyOf(names);
    }
}
