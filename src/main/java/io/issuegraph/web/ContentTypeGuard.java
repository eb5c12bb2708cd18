package io.issuegraph.web;

import io.issuegraph.graphql.Refusal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a {@code Content-Type} that is a wildcard (such as {@code *}{@code /*}) or cannot be parsed
 * (an unknown charset, say) with 415 before Spring MVC sees it: Spring's functional endpoints fail on
 * either with an exception, which would be a 500 or an answer that is not GraphQL-shaped. Built by
 * {@link SecurityConfiguration} into the security chain, so the refusal carries the security headers.
 */
class ContentTypeGuard extends OncePerRequestFilter {

    private final RefusalResponses errors;

    ContentTypeGuard(RefusalResponses errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType != null && !isConcrete(contentType)) {
            errors.write(request, response, Refusal.UNSUPPORTED_MEDIA_TYPE, GraphQlHttpConfiguration.SEND_JSON, null);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isConcrete(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException unparsable) {
            return false;
        }
    }
}
