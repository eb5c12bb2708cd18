package io.issuegraph.ratelimit;

import graphql.ExecutionResult;
import io.github.bucket4j.ConsumptionProbe;
import io.issuegraph.graphql.Refusal;
import io.issuegraph.identity.IdentityAuthentication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One token from the caller's bucket per GraphQL request, before its document is even parsed: every
 * request reaches the GraphQL handler through this interceptor, whichever transport, path or spelling of
 * the path it came by, so none goes uncharged. Leaves the caller in the GraphQL context for
 * {@link MutationCostInstrumentation}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class UserRateLimitInterceptor implements WebGraphQlInterceptor {

    static final String CALLER = UserRateLimitInterceptor.class.getName();
    static final String MESSAGE = "Too many requests: slow down and retry after the time in Retry-After.";

    private final RateLimitBuckets buckets;

    UserRateLimitInterceptor(RateLimitBuckets buckets) {
        this.buckets = buckets;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (!buckets.limits().enabled()
                || !(SecurityContextHolder.getContext().getAuthentication() instanceof IdentityAuthentication caller)) {
            return chain.next(request);
        }
        ConsumptionProbe probe = buckets.chargeUser(caller.getName(), 1, false);
        if (!probe.isConsumed()) {
            var refused = ExecutionResult.newExecutionResult().addError(Refusal.TOO_MANY_REQUESTS.error(MESSAGE,
                    Refusal.seconds(probe.getNanosToWaitForRefill()))).build();
            return Mono.just(new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), refused)));
        }
        request.configureExecutionInput((input, builder) -> builder.graphQLContext(
                context -> context.put(CALLER, caller.getName())).build());
        return chain.next(request);
    }
}
