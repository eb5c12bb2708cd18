package io.issuegraph.graphql;

import graphql.ErrorClassification;

/** Classifications that Spring for GraphQL's {@code ErrorType} lacks. */
public enum ServerErrorType implements ErrorClassification {

    /**
     * Something the server depends on cannot be reached now (the database); nothing was done that the
     * client cannot safely retry. Answered with HTTP 503 and {@code Retry-After}.
     */
    SERVICE_UNAVAILABLE
}
