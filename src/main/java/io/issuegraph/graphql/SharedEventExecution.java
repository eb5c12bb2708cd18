package io.issuegraph.graphql;

import static graphql.execution.instrumentation.SimpleInstrumentationContext.nonNullCtx;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLContext;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.FieldValueInfo;
import graphql.execution.SubscriptionExecutionStrategy;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionStrategyParameters;
import graphql.execution.instrumentation.parameters.InstrumentationReactiveResultsParameters;
import graphql.execution.reactive.SubscriptionPublisher;
import graphql.language.AstPrinter;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

/**
 * graphql-java's subscription strategy, with each {@link SharedEvent} executed once per group of its
 * subscribers (docs/live-updates.md#one-rendering-per-group). A group is the subscribers with the same
 * operation of the same document (compared as printed, so however it was sent and parsed), the same
 * variables and the same {@link SharedEvent#viewerKey}: their answers would be the same, so the first of
 * them to get the event executes its selection and renders it as JSON, and the others are sent that JSON,
 * which the transports write as it is. Everything else is graphql-java's, for every subscriber: the source
 * stream with its filter and authorization, the stream's end. An answer with errors stays its subscriber's
 * own, and the others of the group execute theirs.
 *
 * <p>A member whose group's rendering is made by the time its event comes is answered with it at once
 * ({@link #mapping}): graphql-java's execution of an event (a new execution context, the field's parameters
 * and step info, the event's instrumentation, the futures around them) would answer the same, and skipping it
 * makes a delivery about a fifth cheaper (bench/RESULTS.md, 2026-12-07, evening). graphql-java keeps that
 * execution, and the creation of the source stream, private to this strategy, which opens only {@code execute}
 * and {@code completeField}: {@link #execute} is graphql-java's own, step for step, and reaches the two
 * through method handles (resolved as the class loads, so a graphql-java without them fails at start).
 *
 * <p>A member whose group's rendering is under way goes through graphql-java and waits for it in
 * {@link #completeField}, on its own thread, which keeps each stream's events in order and each write on its
 * stream's thread.
 */
final class SharedEventExecution extends SubscriptionExecutionStrategy {

    /** Where a subscription keeps its {@link Member} (made once), in its GraphQL context. */
    private static final String MEMBER = SharedEventExecution.class.getName() + ".member";
    private static final MethodHandle SOURCE_EVENT_STREAM = graphQlJavas("createSourceEventStream",
            MethodType.methodType(CompletableFuture.class, ExecutionContext.class, ExecutionStrategyParameters.class));
    private static final MethodHandle EXECUTE_EVENT = graphQlJavas("executeSubscriptionEvent",
            MethodType.methodType(CompletableFuture.class, ExecutionContext.class, ExecutionStrategyParameters.class,
                    Object.class));

    private final JsonMapper json;

    /** A group of an event's subscribers, whose answers to it are the same. */
    private record Group(String document, String operation, Map<String, Object> variables, Object viewer) {
    }

    /**
     * A subscriber's part of its groups: its operation's document as printed, the operation's name, its
     * variables, and its {@link SharedEvent#viewer}, taken from its context at its first shared event and
     * kept: a lookup in the context for each event touched memory of each subscription's own
     * (bench/RESULTS.md, 2026-12-07, night). The document is the JVM's one instance of that text, so the
     * members of a group hold one copy of it, not each its own.
     */
    private static final class Member {

        private static final Object UNSEEN = new Object();

        private final String document;
        private final String operation;
        private final Map<String, Object> variables;
        private final GraphQLContext context;
        /** Set on the subscription's thread of the moment; any thread that sees it unset takes the same again. */
        private Object viewer = UNSEEN;

        Member(ExecutionContext execution) {
            this.document = AstPrinter.printAstCompact(execution.getDocument()).intern();
            this.operation = execution.getOperationDefinition().getName();
            this.variables = execution.getCoercedVariables().toMap();
            this.context = execution.getGraphQLContext();
        }

        static Member of(ExecutionContext execution) {
            return execution.getGraphQLContext().computeIfAbsent(MEMBER, key -> new Member(execution));
        }

        /** Its group for the event; null when its answer is to be its own. */
        Group group(Object event) {
            if (!(event instanceof SharedEvent shared)) {
                return null;
            }
            if (viewer == UNSEEN) {
                viewer = shared.viewer(context);
            }
            Object key = shared.viewerKey(viewer);
            return key == null ? null : new Group(document, operation, variables, key);
        }
    }

    SharedEventExecution(DataFetcherExceptionHandler exceptionHandler, JsonMapper json) {
        super(exceptionHandler);
        this.json = json;
    }

    private static MethodHandle graphQlJavas(String method, MethodType type) {
        try {
            return MethodHandles.privateLookupIn(SubscriptionExecutionStrategy.class, MethodHandles.lookup())
                    .findVirtual(SubscriptionExecutionStrategy.class, method, type);
        } catch (ReflectiveOperationException changed) {
            throw new IllegalStateException("graphql-java's SubscriptionExecutionStrategy has no " + method + type, changed);
        }
    }

    /** graphql-java's {@code execute}, with {@link #mapping} as the mapping of its events. */
    @Override
    public CompletableFuture<ExecutionResult> execute(ExecutionContext context, ExecutionStrategyParameters parameters) {
        Instrumentation instrumentation = context.getInstrumentation();
        InstrumentationContext<ExecutionResult> strategy = nonNullCtx(instrumentation.beginExecutionStrategy(
                new InstrumentationExecutionStrategyParameters(context, parameters), context.getInstrumentationState()));
        Function<Object, CompletionStage<ExecutionResult>> answers = mapping(context, parameters);
        DirectDelivery.offer(context.getGraphQLContext(), answers); // before the data fetcher opens the source stream
        CompletableFuture<ExecutionResult> result = sourceEventStream(context, parameters).thenApply(source -> {
            if (source == null) {
                return new ExecutionResultImpl(null, context.getErrors());
            }
            InstrumentationContext<Void> reactive = nonNullCtx(instrumentation.beginReactiveResults(
                    new InstrumentationReactiveResultsParameters(context, InstrumentationReactiveResultsParameters.ResultType.SUBSCRIPTION),
                    context.getInstrumentationState()));
            reactive.onDispatched();
            return new ExecutionResultImpl(new SubscriptionPublisher(source, answers,
                    context.getGraphQLContext().getOrDefault(KEEP_SUBSCRIPTION_EVENTS_ORDERED, false),
                    failure -> reactive.onCompleted(null, failure)), context.getErrors());
        });
        strategy.onDispatched();
        result.whenComplete(strategy::onCompleted);
        return result;
    }

    /**
     * Each event to its answer: the group's rendering when it is made, as graphql-java's execution of the
     * event would have answered (the field's key, the rendering, no errors); otherwise that execution.
     */
    private Function<Object, CompletionStage<ExecutionResult>> mapping(ExecutionContext context,
            ExecutionStrategyParameters parameters) {
        String key = parameters.getFields().getKeys().get(0); // the subscription's field, by its alias if it has one
        Member member = Member.of(context);
        return event -> {
            Group group = member.group(event);
            RawValue made = group != null ? ((SharedEvent) event).renderings().made(group) : null;
            return made != null ? CompletableFuture.completedFuture(new ExecutionResultImpl(Collections.singletonMap(key, made), List.of()))
                    : executeEvent(context, parameters, event);
        };
    }

    /** Completes the subscription field with the event, once per group. */
    @Override
    protected FieldValueInfo completeField(ExecutionContext context, ExecutionStrategyParameters parameters, Object event) {
        Group group = Member.of(context).group(event);
        if (group == null) {
            return super.completeField(context, parameters, event);
        }
        SharedRenderings renderings = ((SharedEvent) event).renderings();
        CompletableFuture<RawValue> another = renderings.madeByAnother(group);
        if (another == null) {
            return renderFirst(context, parameters, event, renderings, group);
        }
        RawValue rendering = another.join();
        return rendering != null ? new FieldValueInfo(FieldValueInfo.CompleteValueType.OBJECT, rendering)
                : super.completeField(context, parameters, event);
    }

    private FieldValueInfo renderFirst(ExecutionContext context, ExecutionStrategyParameters parameters, Object event,
            SharedRenderings renderings, Group group) {
        FieldValueInfo own;
        try {
            own = super.completeField(context, parameters, event);
        } catch (RuntimeException failed) {
            renderings.finish(group, null);
            throw failed;
        }
        CompletableFuture<Object> answer = own.getFieldValueFuture().thenApply(value ->
                parameters.getDeferredCallContext().getErrors().isEmpty() ? rendering(value) : value);
        answer.whenComplete((value, failed) -> renderings.finish(group, value instanceof RawValue rendering ? rendering : null));
        return new FieldValueInfo(own.getCompleteValueType(), answer);
    }

    /**
     * The answer as JSON, which keeps its UTF-8 bytes once they are made: graphql-ws writes those to every
     * member of the group (web.GraphQlWebSocketConverter).
     */
    private RawValue rendering(Object value) {
        return new RawValue(new SerializedString(json.writeValueAsString(value)));
    }

    @SuppressWarnings("unchecked")
    private CompletableFuture<Publisher<Object>> sourceEventStream(ExecutionContext context, ExecutionStrategyParameters parameters) {
        try {
            return (CompletableFuture<Publisher<Object>>) SOURCE_EVENT_STREAM.invokeExact((SubscriptionExecutionStrategy) this,
                    context, parameters);
        } catch (RuntimeException | Error unchecked) {
            throw unchecked;
        } catch (Throwable checked) { // neither method declares one
            throw new UndeclaredThrowableException(checked);
        }
    }

    @SuppressWarnings("unchecked")
    private CompletableFuture<ExecutionResult> executeEvent(ExecutionContext context, ExecutionStrategyParameters parameters,
            Object event) {
        try {
            return (CompletableFuture<ExecutionResult>) EXECUTE_EVENT.invokeExact((SubscriptionExecutionStrategy) this,
                    context, parameters, event);
        } catch (RuntimeException | Error unchecked) {
            throw unchecked;
        } catch (Throwable checked) {
            throw new UndeclaredThrowableException(checked);
        }
    }
}
