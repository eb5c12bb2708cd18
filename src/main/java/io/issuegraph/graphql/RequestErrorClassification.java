package io.issuegraph.graphql;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import io.issuegraph.RequestPipeline;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Documents that do not parse or do not fit the schema (a missing argument, an unknown enum value) are
 * the client's to fix: they are classified BAD_REQUEST like every other client error, instead of with
 * graphql-java's own names. The messages stay graphql-java's, which name the problem precisely. Such a
 * document is never executed, so its response holds nothing but these errors.
 */
@Component
@Order(RequestPipeline.REQUEST_ERRORS)
class RequestErrorClassification implements WebGraphQlInterceptor {

    private static final Set<ErrorClassification> REQUEST_ERRORS = Set.of(graphql.ErrorType.InvalidSyntax,
            graphql.ErrorType.ValidationError, graphql.ErrorType.OperationNotSupported,
            graphql.ErrorType.ExecutionAborted); // graphql-java's depth and complexity limits

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return chain.next(request).map(response -> response.getErrors().stream().noneMatch(this::isRequestError)
                ? response
                : response.transform(builder -> builder.errors(
                        response.getErrors().stream().map(RequestErrorClassification::badRequest).toList())));
    }

    private boolean isRequestError(ResponseError error) {
        return REQUEST_ERRORS.contains(error.getErrorType());
    }

    private static GraphQLError badRequest(ResponseError error) {
        return GraphqlErrorBuilder.newError()
                .message(error.getMessage())
                .locations(error.getLocations())
                .errorType(ErrorType.BAD_REQUEST)
                .build();
    }
}
