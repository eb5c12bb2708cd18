package io.issuegraph.web;

import io.issuegraph.graphql.Refusal;
import io.issuegraph.identity.IdentityAuthentication;
import io.issuegraph.identity.TokenPrecheck;
import io.issuegraph.ratelimit.RateLimitBuckets;
import io.issuegraph.ratelimit.RateLimitBuckets.AddressBudget;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the work that tokens not yet known to be good cost, per client address ({@link ClientAddress}),
 * on every path that carries a bearer token, ahead of their verification (docs/api.md#rate-limits):
 * <ul>
 * <li>each such request is charged one token of the address's bucket before its token is checked, and
 * gets it back if the token proves good; every other outcome (401, or 503 while the identity service
 * cannot tell) keeps the charge;</li>
 * <li>only so many of them run at once per address;</li>
 * <li>over either limit, a token that is known to be good without asking the identity service
 * ({@link TokenPrecheck}) still goes on, so a flood of bad tokens from behind one proxy or NAT never holds
 * up the good ones; anything else gets 429 with {@code Retry-After}.</li>
 * </ul>
 * Built by {@link SecurityConfiguration} into the security chain, not registered as a servlet filter.
 */
class AddressRateLimitFilter extends OncePerRequestFilter {

    private static final String MESSAGE = "Too many requests with tokens that could not be verified from this "
            + "address: retry after the time in Retry-After.";

    private final RateLimitBuckets buckets;
    private final TokenPrecheck precheck;
    private final RefusalResponses refusals;
    private final BearerTokenResolver tokens;

    AddressRateLimitFilter(BearerTokenResolver tokens, RateLimitBuckets buckets, TokenPrecheck precheck,
            RefusalResponses refusals) {
        this.tokens = tokens;
        this.buckets = buckets;
        this.precheck = precheck;
        this.refusals = refusals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token;
        try {
            token = tokens.resolve(request);
        } catch (OAuth2AuthenticationException malformed) {
            token = ""; // a malformed Authorization header: charged like a bad token
        }
        if (token == null || !buckets.limits().enabled()) {
            chain.doFilter(request, response);
            return;
        }
        AddressBudget budget = buckets.address(ClientAddress.key(request.getRemoteAddr()));
        if (budget.tryStart()) {
            try {
                chain.doFilter(request, response);
            } finally {
                budget.finish(SecurityContextHolder.getContext().getAuthentication() instanceof IdentityAuthentication);
            }
            return;
        }
        if (!token.isEmpty() && precheck.isKnownGood(token)) {
            chain.doFilter(request, response);
            return;
        }
        refusals.write(request, response, Refusal.TOO_MANY_REQUESTS, MESSAGE, Refusal.seconds(budget.refuse()));
    }
}
