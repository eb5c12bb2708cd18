package io.issuegraph.graphql;

import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.FieldValueInfo;
import graphql.execution.SubscriptionExecutionStrategy;
import graphql.language.AstPrinter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
 * stream with its filter and authorization, the instrumentation of each event, the stream's end. An answer
 * with errors stays its subscriber's own, and the others of the group execute theirs.
 *
 * <p>Delivery threads render synchronously (the controllers are invoked on the caller's thread:
 * {@link GraphQlConfiguration}), so a subscriber whose group's rendering is under way waits for it on its
 * own thread, which keeps each stream's events in order and each write on its stream's thread.
 */
final class SharedEventExecution extends SubscriptionExecutionStrategy {

    /** Where a subscription keeps its document as printed (once), in its GraphQL context. */
    private static final String DOCUMENT = SharedEventExecution.class.getName() + ".document";

    private final JsonMapper json;

    /** A group of an event's subscribers, whose answers to it are the same. */
    private record Group(String document, String operation, Map<String, Object> variables, Object viewer) {
    }

    SharedEventExecution(DataFetcherExceptionHandler exceptionHandler, JsonMapper json) {
        super(exceptionHandler);
        this.json = json;
    }

    /** Completes the subscription field with the event, once per group. */
    @Override
    protected FieldValueInfo completeField(ExecutionContext context, ExecutionStrategyParameters parameters, Object event) {
        Object viewer;
        if (!(event instanceof SharedEvent shared) || (viewer = shared.viewerKey(context.getGraphQLContext())) == null) {
            return super.completeField(context, parameters, event);
        }
        String document = context.getGraphQLContext().computeIfAbsent(DOCUMENT, key -> AstPrinter.printAstCompact(
                context.getDocument()));
        var group = new Group(document, context.getOperationDefinition().getName(), context.getCoercedVariables().toMap(),
                viewer);
        SharedRenderings renderings = shared.renderings();
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
}
