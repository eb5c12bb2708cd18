package io.issuegraph.graphql;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.graphql.ResponseError;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Every way the server refuses a request, as the client sees it: the classification in
 * {@code extensions.classification}, and, when the refusal is the whole answer, the HTTP status and the
 * header that goes with it ({@code Allow} after a 405, {@code Retry-After} after a 429 or 503). Filters,
 * the authentication entry point, interceptors and the HTTP handler all refuse in these terms, so a
 * client handles a refusal the same way whoever made it (docs/api.md#errors).
 */
public enum Refusal implements ErrorClassification {
    /** Not a GraphQL request, or a document that does not parse, validate or fit the limits (400). */
    BAD_REQUEST(HttpStatus.BAD_REQUEST),
    /** No valid token, or the token of a deleted account (401). */
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED),
    /** A signed-in caller who may not do this (403). */
    FORBIDDEN(HttpStatus.FORBIDDEN),
    /** A mutation sent with GET (405, {@code Allow: POST}). */
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED),
    /** A body larger than the limit (413). */
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE),
    /** A body that is not JSON in UTF-8 (415). */
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    /** Over a rate limit (429, {@code Retry-After}). */
    TOO_MANY_REQUESTS(HttpStatus.TOO_MANY_REQUESTS),
    /**
     * Something the server depends on (the database, the identity service) cannot be reached now; nothing
     * was done that the client cannot safely retry (503, {@code Retry-After}).
     */
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE);

    /** The extension that carries a refusal's {@code Retry-After}, in seconds. */
    public static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

    private final HttpStatus status;

    Refusal(HttpStatus status) {
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    /** A GraphQL error of this refusal; {@code retryAfterSeconds} may be null. */
    public GraphQLError error(String message, Long retryAfterSeconds) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (retryAfterSeconds != null) {
            extensions.put(RETRY_AFTER_SECONDS, retryAfterSeconds);
        }
        return GraphqlErrorBuilder.newError().message(message).errorType(this).extensions(extensions).build();
    }

    /** The headers that go with this refusal's status. */
    public void addHeaders(HttpHeaders headers, Object retryAfterSeconds) {
        if (this == METHOD_NOT_ALLOWED) {
            headers.set(HttpHeaders.ALLOW, "POST");
        } else if (retryAfterSeconds != null && (this == TOO_MANY_REQUESTS || this == SERVICE_UNAVAILABLE)) {
            headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
        }
    }

    /**
     * The error whose refusal decides the HTTP status of a GraphQL response with these errors, if any: a
     * mutation over GET, a rate limit or an unavailable dependency. Other errors (a field the caller may
     * not read, an issue not found) sit beside data and keep Spring for GraphQL's status.
     */
    public static Optional<ResponseError> decidingStatus(Iterable<ResponseError> errors) {
        for (ResponseError error : errors) {
            if (error.getErrorType() instanceof Refusal refusal
                    && (refusal == METHOD_NOT_ALLOWED || refusal == TOO_MANY_REQUESTS || refusal == SERVICE_UNAVAILABLE)) {
                return Optional.of(error);
            }
        }
        return Optional.empty();
    }

    /** Whole seconds to wait, at least one. */
    public static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
