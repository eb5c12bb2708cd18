package io.issuegraph.graphql.plan;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLError;
import graphql.SerializationError;
import graphql.TypeMismatchError;
import graphql.execution.Async;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherResult;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.FetchedValue;
import graphql.execution.NonNullableFieldWasNullError;
import graphql.execution.NonNullableFieldWasNullException;
import graphql.execution.SimpleDataFetcherExceptionHandler;
import graphql.execution.directives.QueryDirectivesImpl;
import graphql.execution.reactive.ReactiveSupport;
import graphql.extensions.ExtensionsBuilder;
import graphql.schema.CoercingSerializeException;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingFieldSelectionSetImpl;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.LightDataFetcher;
import graphql.util.FpKit;
import io.issuegraph.graphql.plan.ObjectPlan.Completion;
import io.issuegraph.graphql.plan.ObjectPlan.FieldPlan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static graphql.schema.DataFetchingEnvironmentImpl.newDataFetchingEnvironment;

/**
 * One execution of a plan: walks the plan and the fetched values together, depth first, in the order
 * graphql-java completes fields when every data fetcher answers at once, and with graphql-java's rules
 * for errors (one per path), null propagation through non-null types, scalar and enum serialisation,
 * {@link DataFetcherResult}s and the exception handler (Spring's resolvers). A value that is not ready
 * (a future, a publisher) is waited for on this thread.
 */
final class PlanRun {

    /** A non-null position got null: the nearest nullable position above becomes null. */
    private static final Object NULLED = new Object();

    private final ExecutionContext context;
    private final DataFetcherExceptionHandler exceptionHandler;

    PlanRun(ExecutionContext context, DataFetcherExceptionHandler exceptionHandler) {
        this.context = context;
        this.exceptionHandler = exceptionHandler;
    }

    /**
     * The result of the operation. Root fields run one after another, as graphql-java's serial strategy
     * runs them: a root field whose null reaches the root ends the operation, and the fields after it do
     * not run.
     */
    ExecutionResult execute(ObjectPlan plan, Object root, Object localContext, ExecutionStepInfo rootInfo) {
        Object data = object(plan, root, localContext, Position.root(rootInfo), true);
        return new ExecutionResultImpl(data == NULLED ? null : data, context.getErrors());
    }

    private Object object(ObjectPlan plan, Object source, Object localContext, Position at, boolean stopAtNull) {
        FieldPlan[] fields = plan.fields();
        Object[] values = new Object[fields.length];
        boolean nulled = false;
        for (int i = 0; i < fields.length && !(nulled && stopAtNull); i++) {
            values[i] = field(fields[i], source, localContext, at.field(fields[i]));
            nulled |= values[i] == NULLED;
        }
        return nulled ? NULLED : context.getResponseMapFactory().createInsertionOrdered(plan.keys(), Arrays.asList(values));
    }

    private Object field(FieldPlan field, Object source, Object localContext, Position at) {
        Supplier<DataFetchingEnvironment> environment = FpKit.intraThreadMemoize(() -> environment(field, source, localContext, at));
        Object fetched = fetch(field, source, localContext, environment);
        return complete(field.completion(), FetchedValue.getFetchedValue(fetched),
                FetchedValue.getLocalContext(fetched, localContext), at);
    }

    /** As graphql-java's {@code ExecutionStrategy.fetchField} builds it. */
    private DataFetchingEnvironment environment(FieldPlan field, Object source, Object localContext, Position at) {
        return newDataFetchingEnvironment(context)
                .source(source)
                .localContext(localContext)
                .arguments(() -> at.arguments(context))
                .fieldDefinition(field.definition())
                .mergedField(field.field())
                .fieldType(field.definition().getType())
                .executionStepInfo(() -> at.info(context))
                .parentType(field.parentType())
                .selectionSet(DataFetchingFieldSelectionSetImpl.newCollector(context.getGraphQLSchema(), field.definition().getType(),
                        () -> context.getNormalizedQueryTree().get().getNormalizedField(field.field(), field.parentType(), at.path())))
                .queryDirectives(new QueryDirectivesImpl(field.field(), context.getGraphQLSchema(), context.getCoercedVariables(),
                        context.getNormalizedVariables(), context.getGraphQLContext(), context.getLocale()))
                .level(at.path().getLevel())
                .build();
    }

    /** The fetched value, unboxed, or a {@link FetchedValue} where a {@link DataFetcherResult} came back. */
    private Object fetch(FieldPlan field, Object source, Object localContext, Supplier<DataFetchingEnvironment> environment) {
        Object fetched;
        try {
            fetched = field.fetcher() instanceof LightDataFetcher<?> light ? light.get(field.definition(), source, environment)
                    : field.fetcher().get(environment.get());
            fetched = Async.toCompletableFutureOrMaterializedObject(fetched);
        } catch (Exception failure) {
            fetched = Async.exceptionallyCompletedFuture(failure);
        }
        fetched = ReactiveSupport.fetchedObject(fetched);
        if (fetched instanceof CompletableFuture<?> future) {
            fetched = settled(future, environment);
        }
        return unbox(fetched, localContext);
    }

    /** The future's value, or the exception handler's errors in its place, as graphql-java handles it. */
    private Object settled(CompletableFuture<?> future, Supplier<DataFetchingEnvironment> environment) {
        if (!future.isDone()) {
            future.exceptionally(failure -> null).join();
        }
        Object[] outcome = new Object[2];
        future.whenComplete((value, failure) -> {
            outcome[0] = value;
            outcome[1] = failure;
        }).exceptionally(failure -> null);
        if (outcome[1] == null) {
            return outcome[0];
        }
        DataFetcherExceptionHandlerParameters parameters = DataFetcherExceptionHandlerParameters.newExceptionParameters()
                .dataFetchingEnvironment(environment.get()).exception((Throwable) outcome[1]).build();
        List<GraphQLError> errors;
        try {
            errors = exceptionHandler.handleException(parameters).join().getErrors();
        } catch (RuntimeException handlerFailure) {
            errors = new SimpleDataFetcherExceptionHandler().handleException(DataFetcherExceptionHandlerParameters
                    .newExceptionParameters().dataFetchingEnvironment(environment.get()).exception(handlerFailure).build())
                    .join().getErrors();
        }
        return DataFetcherResult.newResult().errors(errors).build();
    }

    /** As graphql-java's {@code ExecutionStrategy.unboxPossibleDataFetcherResult}. */
    private Object unbox(Object value, Object localContext) {
        if (value instanceof DataFetcherResult<?> result) {
            context.addErrors(result.getErrors());
            Map<Object, Object> extensions = result.getExtensions();
            if (extensions != null) {
                ExtensionsBuilder builder = context.getGraphQLContext().get(ExtensionsBuilder.class);
                if (builder != null) {
                    builder.addValues(extensions);
                }
            }
            // without a local context of its own, the value keeps its parent's
            return new FetchedValue(context.getValueUnboxer().unbox(result.getData()), result.getErrors(),
                    result.getLocalContext() != null ? result.getLocalContext() : localContext);
        }
        return context.getValueUnboxer().unbox(value);
    }

    /** The response value for a fetched value at a position, or {@link #NULLED}. */
    private Object complete(Completion completion, Object value, Object localContext, Position at) {
        if (completion instanceof ObjectPlan.NonNull nonNull) {
            Object completed = completeNullable(nonNull.inner(), value, localContext, at);
            if (completed == null) {
                NonNullableFieldWasNullException exception = new NonNullableFieldWasNullException(at.info(context), at.path());
                context.addError(new NonNullableFieldWasNullError(exception), at.path());
                return NULLED;
            }
            return completed;
        }
        Object completed = completeNullable(completion, value, localContext, at);
        return completed == NULLED ? null : completed;
    }

    private Object completeNullable(Completion completion, Object fetched, Object localContext, Position at) {
        Object value = context.getValueUnboxer().unbox(fetched);
        if (value == null) {
            return null;
        }
        if (completion instanceof ObjectPlan.Leaf leaf) {
            return serialize(leaf, value, at);
        }
        if (completion instanceof ObjectPlan.Composite composite) {
            return object(composite.plan(), value, localContext, at, false);
        }
        return list((ObjectPlan.ListOf) completion, value, localContext, at);
    }

    private Object list(ObjectPlan.ListOf list, Object value, Object localContext, Position at) {
        if (!FpKit.isIterable(value)) {
            context.addError(new TypeMismatchError(at.path(), at.info(context).getUnwrappedNonNullType()));
            return null;
        }
        List<Object> values = new ArrayList<>(FpKit.toSize(value).orElse(1));
        boolean nulled = false;
        int index = 0;
        for (Object element : FpKit.toIterable(value)) {
            Object unboxed = unbox(element, localContext);
            Object completed = complete(list.element(), FetchedValue.getFetchedValue(unboxed),
                    FetchedValue.getLocalContext(unboxed, localContext), at.element(index++));
            nulled |= completed == NULLED;
            values.add(completed);
        }
        return nulled ? NULLED : values;
    }

    private Object serialize(ObjectPlan.Leaf leaf, Object value, Position at) {
        try {
            return leaf.type() instanceof GraphQLScalarType scalar
                    ? scalar.getCoercing().serialize(value, context.getGraphQLContext(), context.getLocale())
                    : ((GraphQLEnumType) leaf.type()).serialize(value, context.getGraphQLContext(), context.getLocale());
        } catch (CoercingSerializeException failure) {
            context.addError(new SerializationError(at.path(), failure));
            return null;
        }
    }
}
