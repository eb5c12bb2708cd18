package io.issuegraph.web;

import io.issuegraph.graphql.Refusal;
import io.issuegraph.identity.IdentityAuthentication;
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
 * Bounds the work that tokens not yet known to be good cost, per client address, on every path that
 * carries a bearer token, ahead of their verification ({@link UnverifiedTokens}; docs/api.md#rate-limits):
 * a request over the address's limits gets 429 with {@code Retry-After}. Built by
 * {@link SecurityConfiguration} into the security chain, not registered as a servlet filter.
 */
class AddressRateLimitFilter extends OncePerRequestFilter {

    private static final String MESSAGE = "Too many requests with tokens that could not be verified from this "
            + "address: retry after the time in Retry-After.";

    private final UnverifiedTokens unverified;
    private final RefusalResponses refusals;
    private final BearerTokenResolver tokens;

    AddressRateLimitFilter(BearerTokenResolver tokens, UnverifiedTokens unverified, RefusalResponses refusals) {
        this.tokens = tokens;
        this.unverified = unverified;
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
        if (token == null) {
            chain.doFilter(request, response);
            return;
        }
        UnverifiedTokens.Admission admission = unverified.admit(ClientAddress.key(request.getRemoteAddr()), token);
        if (admission.refused()) {
            refusals.write(request, response, Refusal.TOO_MANY_REQUESTS, MESSAGE, Refusal.seconds(admission.retryAfterNanos()));
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            admission.finish(SecurityContextHolder.getContext().getAuthentication() instanceof IdentityAuthentication);
        }
    }
}
