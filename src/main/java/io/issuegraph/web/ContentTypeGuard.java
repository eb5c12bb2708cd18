package io.issuegraph.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a wildcard {@code Content-Type} (such as {@code *}{@code /*}) with 415 before Spring MVC sees
 * it: Spring's functional endpoints fail on one with an exception, which would be a 500.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ContentTypeGuard extends OncePerRequestFilter {

    private final GraphQlErrorResponses errors;

    ContentTypeGuard(GraphQlErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType != null && isWildcard(contentType)) {
            errors.write(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
                    "Send GraphQL requests as Content-Type: application/json (UTF-8).");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isWildcard(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isWildcardType() || type.isWildcardSubtype();
        } catch (InvalidMediaTypeException unparsable) {
            return false; // Spring ignores a Content-Type it cannot parse; the endpoint then refuses it
        }
    }
}
