package io.issuegraph.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.OperationDefinition;
import io.issuegraph.graphql.RequestRefusal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.graphql.ExecutionGraphQlRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Token buckets (Bucket4j) for API requests, in memory on each instance:
 * <ul>
 * <li>per signed-in user (the Identity {@code sub}): each request takes one token once the caller is
 * known, and a mutation takes {@code mutationCost - 1} more once its operation is known, before it runs;
 * <li>per client address, for requests without a valid token: checked before the token is, and charged
 * when it is refused, so that a flood of bad tokens cannot keep the server (or, in introspection mode,
 * GoTrue) busy. Valid tokens never use this bucket.
 * </ul>
 * Over the limit: HTTP 429 with {@code Retry-After} and a {@code TOO_MANY_REQUESTS} error. GraphiQL, the
 * schema and health are not limited: only {@code /graphql} is. Refusals are counted by the limit that
 * refused ({@code issuegraph.rate.limit.refusals}, tag {@code limit}: {@code user}, {@code mutation},
 * {@code address}).
 */
@Component
class RateLimits extends SimplePerformantInstrumentation {

    private static final String CALLER = RateLimits.class.getName();

    private final RateLimitProperties limits;
    private final GraphQlErrorResponses errors;
    private final Cache<String, Bucket> users = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();
    private final Cache<String, Bucket> addresses = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    private final Counter userRefusals;
    private final Counter mutationRefusals;
    private final Counter addressRefusals;

    RateLimits(RateLimitProperties limits, GraphQlErrorResponses errors, MeterRegistry meters) {
        this.limits = limits;
        this.errors = errors;
        this.userRefusals = refusals(meters, "user");
        this.mutationRefusals = refusals(meters, "mutation");
        this.addressRefusals = refusals(meters, "address");
    }

    private static Counter refusals(MeterRegistry meters, String limit) {
        return Counter.builder("issuegraph.rate.limit.refusals").tag("limit", limit)
                .description("API requests refused with 429 Too Many Requests").register(meters);
    }

    /** Runs before authentication: refuses an address that has sent too many refused tokens. */
    OncePerRequestFilter beforeAuthentication() {
        return new ApiFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Bucket bucket = addresses.get(request.getRemoteAddr(),
                        address -> bucket(limits.anonymousBurst(), limits.anonymousPerSecond()));
                if (bucket.getAvailableTokens() < 1) {
                    addressRefusals.increment();
                    tooMany(response, bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
                    return;
                }
                chain.doFilter(request, response);
                if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
                    bucket.tryConsume(1);
                }
            }
        };
    }

    /** Runs once the caller is known: one token per request from the user's bucket. */
    OncePerRequestFilter afterAuthentication() {
        return new ApiFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Authentication caller = SecurityContextHolder.getContext().getAuthentication();
                if (caller != null && caller.isAuthenticated() && !(caller instanceof AnonymousAuthenticationToken)) {
                    ConsumptionProbe probe = userBucket(caller.getName()).tryConsumeAndReturnRemaining(1);
                    if (!probe.isConsumed()) {
                        userRefusals.increment();
                        tooMany(response, probe.getNanosToWaitForRefill());
                        return;
                    }
                    request.setAttribute(CALLER, caller.getName());
                }
                chain.doFilter(request, response);
            }
        };
    }

    /** Lets a mutation be charged its extra cost, once its operation is known. */
    void identify(HttpServletRequest http, ExecutionGraphQlRequest request) {
        if (http.getAttribute(CALLER) instanceof String caller) {
            request.configureExecutionInput((input, builder) -> builder.graphQLContext(
                    context -> context.put(CALLER, caller)).build());
        }
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        var execution = parameters.getExecutionContext();
        String caller = execution.getGraphQLContext().get(CALLER);
        if (caller != null && execution.getOperationDefinition().getOperation() == OperationDefinition.Operation.MUTATION
                && limits.mutationCost() > 1) {
            ConsumptionProbe probe = userBucket(caller).tryConsumeAndReturnRemaining(limits.mutationCost() - 1L);
            if (!probe.isConsumed()) {
                mutationRefusals.increment();
                throw new AbortExecutionException(List.of(GraphqlErrorBuilder.newError()
                        .message(message())
                        .errorType(RequestRefusal.TOO_MANY_REQUESTS)
                        .extensions(Map.of("retryAfterSeconds", seconds(probe.getNanosToWaitForRefill())))
                        .build()));
            }
        }
        return super.beginExecuteOperation(parameters, state);
    }

    private Bucket userBucket(String caller) {
        return users.get(caller, key -> bucket(limits.userBurst(), limits.userPerSecond()));
    }

    private static Bucket bucket(int burst, int perSecond) {
        return Bucket.builder().addLimit(limit -> limit.capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .build();
    }

    private void tooMany(HttpServletResponse response, long nanosToWait) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds(nanosToWait)));
        errors.write(response, 429, RequestRefusal.TOO_MANY_REQUESTS.name(), message());
    }

    static long seconds(long nanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos + 999_999_999L));
    }

    private static String message() {
        return "Too many requests: slow down and retry after the time in Retry-After.";
    }

    /** Only the API is limited; GraphiQL, the schema and health are not. */
    private abstract class ApiFilter extends OncePerRequestFilter {
        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !limits.enabled() || !GraphQlHttpRoutes.PATH.equals(request.getRequestURI());
        }
    }
}
