package io.issuegraph.web;

import graphql.GraphqlErrorBuilder;
import java.util.LinkedHashMap;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Every GraphQL error carries the request's id ({@link RequestIds}), which is also its execution id. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdInErrors implements WebGraphQlInterceptor {

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return chain.next(request).map(response -> response.getErrors().isEmpty() ? response
                : response.transform(builder -> builder.errors(response.getErrors().stream()
                        .map(error -> withRequestId(error, request.getId())).toList())));
    }

    private static graphql.GraphQLError withRequestId(ResponseError error, String requestId) {
        var extensions = new LinkedHashMap<>(error.getExtensions());
        extensions.put("requestId", requestId);
        return GraphqlErrorBuilder.newError()
                .message(error.getMessage())
                .locations(error.getLocations() == null || error.getLocations().isEmpty() ? null : error.getLocations())
                .path(error.getParsedPath() == null || error.getParsedPath().isEmpty() ? null : error.getParsedPath())
                .errorType(error.getErrorType())
                .extensions(extensions)
                .build();
    }
}
