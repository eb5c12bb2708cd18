package io.issuegraph;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;

/**
 * The order of every step of a request that the framework picks by a number, in one place: servlet
 * filters, security filter chains, routes, GraphQL interceptors and operation checks; and the order in which
 * the live connections end as the server stops. Every step, in
 * order, over HTTP, SSE and WebSocket, is listed in docs/architecture.md#every-step-in-order, and
 * RequestPipelineTest checks the running application against that list.
 */
public final class RequestPipeline {

    /** Servlet filter: the request id, first of all (web.RequestIds). */
    public static final int REQUEST_IDS = Ordered.HIGHEST_PRECEDENCE;

    /** Security filter chains: the metrics scrape's, then the API's (web.SecurityConfiguration). */
    public static final int METRICS_SECURITY = 1;
    public static final int API_SECURITY = 2;

    /** The GraphQL routes, ahead of Boot's own (web.GraphQlHttpConfiguration). */
    public static final int GRAPHQL_ROUTES = -1;

    /*
     * GraphQL interceptors, outermost first: each sees the response of those after it.
     */

    /** The request id as execution id and in errors; the refusal's headers (web.HttpEdgeInterceptor). */
    public static final int HTTP_EDGE = Ordered.HIGHEST_PRECEDENCE;
    /** graphql-ws: an id in use, and an error message for an operation that could not run (web.WebSocketOperations). */
    public static final int WEBSOCKET_OPERATIONS = Ordered.HIGHEST_PRECEDENCE + 1;
    /** graphql-ws's connection_init (web.WebSocketAuthenticationInterceptor). */
    public static final int WEBSOCKET_AUTHENTICATION = Ordered.HIGHEST_PRECEDENCE + 2;
    /** The caller into the GraphQL context (identity.CallerInterceptor). */
    public static final int CALLER = Ordered.HIGHEST_PRECEDENCE + 3;
    /** The caller's bucket (ratelimit.UserRateLimitInterceptor). */
    public static final int USER_RATE_LIMIT = Ordered.HIGHEST_PRECEDENCE + 4;
    /** Documents that do not fit the schema: BAD_REQUEST (graphql.RequestErrorClassification). */
    public static final int REQUEST_ERRORS = Ordered.HIGHEST_PRECEDENCE + 5;

    /*
     * Operation checks, once the operation is known (graphql.RequestLimitsInstrumentation runs them).
     */

    /** GET may only read: refused before anything is charged (graphql.QueriesOnly). */
    public static final int QUERIES_ONLY = 1;
    /** A mutation's surcharge (ratelimit.MutationCostCheck). */
    public static final int MUTATION_COST = 2;

    /*
     * Stopping: before Boot's graceful shutdown (a lower phase) waits for requests; a higher phase stops first.
     */

    /**
     * graphql-ws connections close with 1001 first (web.WebSocketSessions): their clients reconnect and send
     * their subscriptions again, where a {@code complete} would have told them each one was over; and no
     * subscription's end is then sent on a connection that is closing (its sending thread is gone).
     */
    public static final int CLOSE_CONNECTIONS = SmartLifecycle.DEFAULT_PHASE;
    /** Then the live reader stops, and the streams left, over SSE, end (live.IssueEventPoller). */
    public static final int END_STREAMS = SmartLifecycle.DEFAULT_PHASE - 1;

    private RequestPipeline() {
    }
}
