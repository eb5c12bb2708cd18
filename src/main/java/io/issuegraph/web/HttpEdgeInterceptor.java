package io.issuegraph.web;

import graphql.GraphqlErrorBuilder;
import graphql.execution.ExecutionId;
import io.issuegraph.RequestPipeline;
import io.issuegraph.graphql.QueriesOnly;
import io.issuegraph.graphql.Refusal;
import java.util.LinkedHashMap;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What the HTTP edge adds to every GraphQL request, outermost of the interceptors: the request's id
 * ({@link RequestIds}) as its execution id and in every error's {@code extensions.requestId}; GET's
 * promise to change nothing ({@link QueriesOnly}); and the header that goes with a refusal that decides
 * the status ({@code Allow}, {@code Retry-After}; the status itself is {@link GraphQlHttpConfiguration}'s).
 */
@Component
@Order(RequestPipeline.HTTP_EDGE)
class HttpEdgeInterceptor implements WebGraphQlInterceptor {

    static final String READ_ONLY = HttpEdgeInterceptor.class.getName() + ".readOnly";

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        String requestId = request.getAttributes().get(RequestIds.ATTRIBUTE) instanceof String id ? id : request.getId();
        request.configureExecutionInput((input, builder) -> builder.executionId(ExecutionId.from(requestId)).build());
        if (Boolean.TRUE.equals(request.getAttributes().get(READ_ONLY))) {
            QueriesOnly.mark(request);
        }
        return chain.next(request).map(response -> {
            Refusal.decidingStatus(response.getErrors()).ifPresent(error -> ((Refusal) error.getErrorType())
                    .addHeaders(response.getResponseHeaders(), error.getExtensions().get(Refusal.RETRY_AFTER_SECONDS)));
            return response.getErrors().isEmpty() ? response : response.transform(builder -> builder.errors(
                    response.getErrors().stream().map(error -> withRequestId(error, requestId)).toList()));
        });
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
