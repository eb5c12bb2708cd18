package io.issuegraph.graphql;

import graphql.ExecutionResult;
import graphql.GraphQLContext;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A subscription's events answered and written straight to its connection, outside the per-subscription
 * reactive chain of graphql-java and Spring for GraphQL (docs/live-updates.md#direct-delivery): each event
 * is answered as that chain would answer it ({@link SharedEventExecution}: the group's rendering, or the
 * event executed), and the answer is handed to the transport's {@link Writer}. The source stream stays
 * graphql-java's, and ends through that chain.
 */
public final class DirectDelivery {

    /** Where a transport that can write a subscription's answers itself puts its {@link Writer}. */
    public static final String WRITER = Writer.class.getName();
    private static final String CONTEXT_KEY = DirectDelivery.class.getName();

    private final Function<Object, CompletionStage<ExecutionResult>> answers;
    private final Writer writer;

    /** One operation's answers, written to its connection; called for an operation on one thread at a time, in order. */
    public interface Writer {

        /** What writes are kept in order on: the connection, shared by its operations. */
        Object connection();

        /** Writes the answer as the operation's next message; a connection that is gone drops it. */
        void next(ExecutionResult answer);
    }

    /** The answers are the subscription's (its execution strategy's mapping of events), the writer its transport's. */
    public DirectDelivery(Function<Object, CompletionStage<ExecutionResult>> answers, Writer writer) {
        this.answers = answers;
        this.writer = writer;
    }

    /** Offers direct delivery to the subscription's data fetcher when its transport has a writer. */
    static void offer(GraphQLContext context, Function<Object, CompletionStage<ExecutionResult>> answers) {
        Writer writer = context.get(WRITER);
        if (writer != null) {
            context.put(CONTEXT_KEY, new DirectDelivery(answers, writer));
        }
    }

    /** This subscription's direct delivery; null when its transport writes only through the chain. */
    public static @Nullable DirectDelivery of(GraphQLContext context) {
        return context.get(CONTEXT_KEY);
    }

    public Object connection() {
        return writer.connection();
    }

    /**
     * Answers the event and writes the answer, on the calling thread (waiting, when another member of its
     * group is rendering it, for that rendering).
     */
    public void deliver(Object event) {
        writer.next(answers.apply(event).toCompletableFuture().join());
    }
}
