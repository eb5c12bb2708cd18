package io.issuegraph.graphql;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;

/**
 * POST /graphql as Spring for GraphQL serves it, except that a response with a
 * {@link ServerErrorType#SERVICE_UNAVAILABLE} error is HTTP 503 with {@code Retry-After}: load balancers,
 * proxies and HTTP clients then know, without reading GraphQL errors, that the request may be retried
 * and when. A handler that serves /graphql in place of Boot's (e.g. for GET as well) extends this class.
 */
public class GraphQlHttpStatus extends GraphQlHttpHandler {

    /** Seconds; the pool reconnects within a fraction of one after the database returns. */
    static final String RETRY_AFTER = "1";

    public GraphQlHttpStatus(WebGraphQlHandler handler) {
        super(handler);
    }

    /** Runs before the response headers are copied to the HTTP response, so it may still add one. */
    @Override
    protected HttpStatus selectResponseStatus(WebGraphQlResponse response, MediaType mediaType) {
        if (isUnavailable(response)) {
            response.getResponseHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER);
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        return super.selectResponseStatus(response, mediaType);
    }

    static boolean isUnavailable(WebGraphQlResponse response) {
        return response.getErrors().stream().anyMatch(error -> error.getErrorType() == ServerErrorType.SERVICE_UNAVAILABLE);
    }
}
