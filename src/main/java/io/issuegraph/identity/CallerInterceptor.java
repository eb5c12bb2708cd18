package io.issuegraph.identity;

import io.issuegraph.RequestPipeline;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Puts the caller into the GraphQL context of each request ({@value IdentityAuthentication#CONTEXT_KEY}),
 * whatever the transport, for fields that are also resolved on a thread that is not the request's: the
 * events of a subscription are resolved on the thread that delivers them.
 */
@Component
@Order(RequestPipeline.CALLER)
class CallerInterceptor implements WebGraphQlInterceptor {

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return Mono.deferContextual(context -> {
            IdentityAuthentication caller = IdentityAuthentication.current(context);
            if (caller != null) {
                request.configureExecutionInput((input, builder) -> builder.graphQLContext(
                        graphQl -> graphQl.put(IdentityAuthentication.CONTEXT_KEY, caller)).build());
            }
            return chain.next(request);
        });
    }
}
