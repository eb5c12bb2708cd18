package io.issuegraph.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Spring Security's bearer token rules (RFC 6750, the {@code Authorization} header only), applied once per
 * request: the address limit and the token's authentication both need the token, and reading it takes a
 * regular expression over the header (bench/RESULTS.md). A malformed header is refused each time it is read.
 */
final class OncePerRequestBearerTokenResolver implements BearerTokenResolver {

    private static final String ATTRIBUTE = OncePerRequestBearerTokenResolver.class.getName();

    private final BearerTokenResolver resolver = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof String known) {
            return known.isEmpty() ? null : known;
        }
        String token = resolver.resolve(request);
        request.setAttribute(ATTRIBUTE, token == null ? "" : token);
        return token;
    }
}
