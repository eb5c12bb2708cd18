package io.issuegraph.graphql;

import static graphql.execution.instrumentation.SimpleInstrumentationContext.nonNullCtx;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.OperationDefinition.Operation;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.DataFetcher;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.observation.DefaultExecutionRequestObservationConvention;
import org.springframework.graphql.observation.ExecutionRequestObservationContext;
import org.springframework.graphql.observation.GraphQlObservationInstrumentation;
import org.springframework.graphql.observation.GraphQlObservationDocumentation.ExecutionRequestHighCardinalityKeyNames;

/**
 * The {@code graphql.request} timer is tagged by operation as well as by type and outcome, so that each
 * operation gets its own latency in Prometheus; but only with names the server knows, so that no client
 * can fill Prometheus with names of its own making: with trusted documents, the operation's name; else
 * the schema fields the operation starts from (e.g. {@code issues}, {@code me,issues}, {@code createIssue}),
 * a set the schema bounds.
 * <p>
 * Only the request is observed, not each data fetcher: an observation per resolver cost more than the
 * resolvers (bench/RESULTS.md), and {@code graphql.request} by operation tells which operations are slow.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlMetrics {

    static final String OPERATION_NAME = ExecutionRequestHighCardinalityKeyNames.OPERATION_NAME.asString();

    @Bean
    GraphQlObservationInstrumentation requestObservation(ObservationRegistry registry,
            DefaultExecutionRequestObservationConvention convention) {
        return new RequestObservation(registry, convention);
    }

    /**
     * Spring's instrumentation, for the request alone: data fetchers run as they are, and no data loader
     * registry is made for each request (there are no data loaders), which lets graphql-java skip its
     * per-level dispatch bookkeeping.
     * <p>
     * A subscription's stream outlives its request, so it does not carry the request's observation: its
     * data fetchers run under the observation the request came in with (the handshake's or the SSE
     * request's), and once the execution has its result the stopped observation is let go. graphql-java
     * keeps a subscription's instrumentation state and {@link GraphQLContext}, and Spring for GraphQL the
     * context its stream was made in, for the subscription's life: with the observation, about 1.2 KB per
     * open subscription (docs/live-updates.md#capacity).
     */
    static final class RequestObservation extends GraphQlObservationInstrumentation {

        RequestObservation(ObservationRegistry registry, DefaultExecutionRequestObservationConvention convention) {
            super(registry, convention, null, null);
        }

        @Override
        public ExecutionInput instrumentExecutionInput(ExecutionInput input, InstrumentationExecutionParameters parameters,
                InstrumentationState state) {
            return input;
        }

        @Override
        public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
                InstrumentationState state) {
            return fetcher;
        }

        @Override
        public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
            return super.createStateAsync(parameters)
                    .thenApply(state -> new ObservedExecution(state, parameters.getExecutionInput().getGraphQLContext()));
        }

        @Override
        public InstrumentationContext<ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters,
                InstrumentationState state) {
            ObservedExecution execution = (ObservedExecution) state;
            execution.observed = nonNullCtx(super.beginExecution(parameters, execution.state));
            return execution;
        }

        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                InstrumentationState state) {
            ObservedExecution execution = (ObservedExecution) state;
            InstrumentationContext<ExecutionResult> operation = super.beginExecuteOperation(parameters, execution.state);
            if (parameters.getExecutionContext().getOperationDefinition().getOperation() == Operation.SUBSCRIPTION) {
                execution.subscription = true;
                execution.restoreOuter();
            }
            return operation;
        }

        /**
         * One execution: Spring's state and the observation current before it. A subscription puts the latter
         * back as its operation begins, and lets go of Spring's state once it has its result; a query or a
         * mutation ends with its execution anyway, and pays nothing more.
         */
        private static final class ObservedExecution implements InstrumentationState, InstrumentationContext<ExecutionResult> {

            private final GraphQLContext context;
            private final Object outer;
            private InstrumentationState state;
            private InstrumentationContext<ExecutionResult> observed;
            private boolean subscription;

            ObservedExecution(InstrumentationState state, GraphQLContext context) {
                this.state = state;
                this.context = context;
                this.outer = context.get(ObservationThreadLocalAccessor.KEY);
            }

            @Override
            public void onDispatched() {
                observed.onDispatched();
            }

            @Override
            public void onCompleted(ExecutionResult result, Throwable failure) {
                observed.onCompleted(result, failure);
                if (subscription) {
                    state = null;
                    observed = null;
                }
            }

            void restoreOuter() {
                if (outer == null) {
                    context.delete(ObservationThreadLocalAccessor.KEY);
                } else {
                    context.put(ObservationThreadLocalAccessor.KEY, outer);
                }
            }
        }
    }

    @Bean
    DefaultExecutionRequestObservationConvention operationNameAsMetricTag(PersistedDocuments documents) {
        return new DefaultExecutionRequestObservationConvention() {

            @Override
            public KeyValues getLowCardinalityKeyValues(ExecutionRequestObservationContext context) {
                return super.getLowCardinalityKeyValues(context)
                        .and(KeyValue.of(OPERATION_NAME, operationTag(context, documents.trustedOnly())));
            }
        };
    }

    /** {@code none} when nothing was executed (the document did not parse, validate or fit the limits). */
    static String operationTag(ExecutionRequestObservationContext context, boolean trustedOnly) {
        if (context.getExecutionContext() == null) {
            return "none";
        }
        OperationDefinition operation = context.getExecutionContext().getOperationDefinition();
        if (trustedOnly && operation.getName() != null && !operation.getName().isEmpty()) {
            return operation.getName();
        }
        Set<String> fields = new TreeSet<>();
        rootFields(operation.getSelectionSet(), context.getExecutionContext().getFragmentsByName(), fields);
        return String.join(",", fields);
    }

    /** Validation has already refused unknown fields and fragment cycles. */
    private static void rootFields(SelectionSet selections, Map<String, FragmentDefinition> fragments, Set<String> fields) {
        for (Selection<?> selection : selections.getSelections()) {
            if (selection instanceof Field field) {
                fields.add(field.getName());
            } else if (selection instanceof InlineFragment inline) {
                rootFields(inline.getSelectionSet(), fragments, fields);
            } else if (selection instanceof FragmentSpread spread && fragments.containsKey(spread.getName())) {
                rootFields(fragments.get(spread.getName()).getSelectionSet(), fragments, fields);
            }
        }
    }
}
