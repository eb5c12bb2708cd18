package io.issuegraph.ratelimit;

import graphql.ExecutionResult;
import io.github.bucket4j.ConsumptionProbe;
import io.issuegraph.RequestPipeline;
import io.issuegraph.graphql.Refusal;
import io.issuegraph.identity.IdentityAuthentication;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One token from the caller's bucket per GraphQL request, before its document is even parsed: every
 * request reaches the GraphQL handler through this interceptor, whichever transport, path or spelling of
 * the path it came by, so none goes uncharged.
 */
@Component
@Order(RequestPipeline.USER_RATE_LIMIT)
class UserRateLimitInterceptor implements WebGraphQlInterceptor {

    private final RateLimitBuckets buckets;

    UserRateLimitInterceptor(RateLimitBuckets buckets) {
        this.buckets = buckets;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return buckets.limits().enabled() ? Mono.deferContextual(context -> charge(request, chain,
                IdentityAuthentication.current(context))) : chain.next(request);
    }

    private Mono<WebGraphQlResponse> charge(WebGraphQlRequest request, Chain chain, IdentityAuthentication caller) {
        if (caller == null) {
            return chain.next(request);
        }
        ConsumptionProbe probe = buckets.chargeUser(caller.getName(), 1, false);
        if (!probe.isConsumed()) {
            var refused = ExecutionResult.newExecutionResult().addError(Refusal.TOO_MANY_REQUESTS.error(RateLimitBuckets.MESSAGE,
                    Refusal.seconds(probe.getNanosToWaitForRefill()))).build();
            return Mono.just(new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), refused)));
        }
        return chain.next(request);
    }
}
