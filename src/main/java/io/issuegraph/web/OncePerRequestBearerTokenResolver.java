package io.issuegraph.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Spring Security's bearer token rules (RFC 6750, the {@code Authorization} header only), applied once per
 * request: the address limit and the token's authentication both need the token. A well-formed header is
 * read without Spring's regular expression, which took about 3 % of a request's CPU (bench/RESULTS.md);
 * anything else (no header, another scheme, a malformed token) goes to {@link DefaultBearerTokenResolver},
 * so its refusals stay Spring's, and a malformed header is refused each time it is read.
 */
final class OncePerRequestBearerTokenResolver implements BearerTokenResolver {

    private static final String ATTRIBUTE = OncePerRequestBearerTokenResolver.class.getName();
    private static final String SCHEME = "Bearer ";

    /** With its defaults: no token from the query string or a form body, so the header is the only source. */
    private final BearerTokenResolver resolver = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof String known) {
            return known.isEmpty() ? null : known;
        }
        String token = wellFormed(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            token = resolver.resolve(request);
        }
        request.setAttribute(ATTRIBUTE, token == null ? "" : token);
        return token;
    }

    /**
     * The token of a header that {@link DefaultBearerTokenResolver}'s pattern accepts,
     * {@code ^Bearer [a-zA-Z0-9-._~+/]+=*$} with the scheme in any case; null for any other header.
     */
    static String wellFormed(String header) {
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        int end = header.length();
        while (end > SCHEME.length() && header.charAt(end - 1) == '=') {
            end--;
        }
        if (end == SCHEME.length()) {
            return null;
        }
        for (int i = SCHEME.length(); i < end; i++) {
            if (!isToken68(header.charAt(i))) {
                return null;
            }
        }
        return header.substring(SCHEME.length());
    }

    private static boolean isToken68(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
