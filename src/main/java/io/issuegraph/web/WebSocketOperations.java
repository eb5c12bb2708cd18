package io.issuegraph.web;

import io.issuegraph.RequestPipeline;
import io.issuegraph.graphql.DirectDelivery;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.SubscriptionPublisherException;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.stereotype.Component;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * The operations in progress on each graphql-ws connection, by id, so that {@link GraphQlWebSockets} can
 * refuse an id in use; and graphql-ws's answer to an operation that could not run (a syntax or validation
 * error, bad variables, a limit, a refusal before execution): an {@code error} message for its id, where
 * Spring for GraphQL would send a {@code next} (docs/live-updates.md#client-mistakes); and each operation's
 * writer of its connection, in its GraphQL context, for a subscription whose events are written directly
 * (docs/live-updates.md#direct-delivery). Outermost but for the edge's ({@link HttpEdgeInterceptor}, which
 * adds the request id to every error), so that it sees every refusal of the interceptors inside it.
 */
@Component
@Order(RequestPipeline.WEBSOCKET_OPERATIONS)
class WebSocketOperations implements WebGraphQlInterceptor {

    private static final String IN_PROGRESS = WebSocketOperations.class.getName();
    private static final String GATE = IN_PROGRESS + ".gate";

    /** Records an operation's id on its connection; false when one with this id is still in progress. */
    static boolean start(Map<String, Object> connection, String id) {
        return ids(connection).add(id);
    }

    static void end(Map<String, Object> connection, String id) {
        ids(connection).remove(id);
    }

    /**
     * Marks the connection closed, before Spring for GraphQL disposes of the thread that sends on it: once
     * the events and ends its streams are passing on at this moment (on delivery threads) have reached
     * that thread, its streams pass nothing on, so that none meets the thread gone (which the handler
     * would log at ERROR).
     */
    static void closed(Map<String, Object> connection) {
        gate(connection).close();
    }

    private static Gate gate(Map<String, Object> connection) {
        return (Gate) connection.computeIfAbsent(GATE, key -> new Gate());
    }

    @SuppressWarnings("unchecked")
    private static Set<String> ids(Map<String, Object> connection) {
        return (Set<String>) connection.computeIfAbsent(IN_PROGRESS, key -> ConcurrentHashMap.newKeySet());
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (!(request instanceof WebSocketGraphQlRequest socket)) {
            return chain.next(request);
        }
        Map<String, Object> connection = socket.getSessionInfo().getAttributes();
        String id = request.getId();
        if (connection.get(GraphQlWebSockets.OperationWriters.ATTRIBUTE) instanceof GraphQlWebSockets.OperationWriters writers) {
            request.configureExecutionInput((input, builder) -> builder.graphQLContext(context ->
                    context.put(DirectDelivery.WRITER, writers.forOperation(id))).build());
        }
        Gate gate = gate(connection);
        return chain.next(request).map(response -> {
            if (response.getData() instanceof Publisher<?> events) {
                return response.transform(result -> result.data(Flux.<Object>from(events).doFinally(signal -> end(connection, id))
                        .transform(Operators.lift((scanned, downstream) -> gate.new Guarded(downstream)))));
            }
            end(connection, id);
            if (response.getExecutionResult().isDataPresent()) {
                return response;
            }
            var notRun = new SubscriptionPublisherException(response.getExecutionResult().getErrors(), null);
            return response.transform(result -> result.data(Flux.error(notRun)));
        }).doOnError(failure -> end(connection, id));
    }

    /**
     * What a connection's streams pass on until it closes: each signal, until it has reached the sending
     * thread, under the read lock, so that the close, under the write lock, waits for those on their way.
     */
    private static final class Gate {

        private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        private volatile boolean closed;

        void close() {
            if (lock.getReadHoldCount() > 0) {
                closed = true; // closed by a signal this thread is passing on: none of its own left to wait for
                return;
            }
            lock.writeLock().lock();
            try {
                closed = true;
            } finally {
                lock.writeLock().unlock();
            }
        }

        private void pass(Runnable signal) {
            lock.readLock().lock();
            try {
                if (!closed) {
                    signal.run();
                }
            } finally {
                lock.readLock().unlock();
            }
        }

        /** A stream's subscriber behind the gate (a plain subscriber: no fusion carries a signal past it). */
        private final class Guarded implements CoreSubscriber<Object> {

            private final CoreSubscriber<? super Object> downstream;

            Guarded(CoreSubscriber<? super Object> downstream) {
                this.downstream = downstream;
            }

            @Override
            public Context currentContext() {
                return downstream.currentContext();
            }

            @Override
            public void onSubscribe(Subscription subscription) {
                downstream.onSubscribe(subscription);
            }

            @Override
            public void onNext(Object event) {
                pass(() -> downstream.onNext(event));
            }

            @Override
            public void onError(Throwable failure) {
                pass(() -> downstream.onError(failure));
            }

            @Override
            public void onComplete() {
                pass(downstream::onComplete);
            }
        }
    }
}
