package io.issuegraph.graphql;

import graphql.ErrorClassification;

/**
 * Classifications of requests refused at the HTTP edge, beside Spring for GraphQL's {@code ErrorType}s:
 * the client sees them in {@code extensions.classification}, and the HTTP status follows from them.
 */
public enum RequestRefusal implements ErrorClassification {
    /** A mutation sent with GET (HTTP 405). */
    METHOD_NOT_ALLOWED,
    /** A body larger than the limit (HTTP 413). */
    PAYLOAD_TOO_LARGE,
    /** A body that is not JSON (HTTP 415). */
    UNSUPPORTED_MEDIA_TYPE,
    /** Over the caller's rate limit (HTTP 429). */
    TOO_MANY_REQUESTS
}
