package io.issuegraph.web;

import io.issuegraph.RequestPipeline;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.reactivestreams.Publisher;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.SubscriptionPublisherException;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The operations in progress on each graphql-ws connection, by id, so that {@link GraphQlWebSockets} can
 * refuse an id in use; and graphql-ws's answer to an operation that could not run (a syntax or validation
 * error, bad variables, a limit, a refusal before execution): an {@code error} message for its id, where
 * Spring for GraphQL would send a {@code next} (docs/live-updates.md#client-mistakes). Outermost but for
 * the edge's ({@link HttpEdgeInterceptor}, which adds the request id to every error), so that it sees every
 * refusal of the interceptors inside it.
 */
@Component
@Order(RequestPipeline.WEBSOCKET_OPERATIONS)
class WebSocketOperations implements WebGraphQlInterceptor {

    private static final String IN_PROGRESS = WebSocketOperations.class.getName();
    private static final String CLOSED = IN_PROGRESS + ".closed";

    /** Records an operation's id on its connection; false when one with this id is still in progress. */
    static boolean start(Map<String, Object> connection, String id) {
        return ids(connection).add(id);
    }

    static void end(Map<String, Object> connection, String id) {
        ids(connection).remove(id);
    }

    /**
     * Marks the connection closed, before Spring for GraphQL disposes of the thread that sends on it: from
     * then on its streams pass nothing on, so that no event or end, delivered meanwhile on a delivery
     * thread, meets that thread gone (which the handler would log at ERROR).
     */
    static void closed(Map<String, Object> connection) {
        connection.put(CLOSED, Boolean.TRUE);
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
        return chain.next(request).map(response -> {
            if (response.getData() instanceof Publisher<?> events) {
                return response.transform(result -> result.data(Flux.from(events).doFinally(signal -> end(connection, id))
                        .materialize().filter(signal -> !connection.containsKey(CLOSED)).dematerialize()));
            }
            end(connection, id);
            if (response.getExecutionResult().isDataPresent()) {
                return response;
            }
            var notRun = new SubscriptionPublisherException(response.getExecutionResult().getErrors(), null);
            return response.transform(result -> result.data(Flux.error(notRun)));
        }).doOnError(failure -> end(connection, id));
    }
}
