package io.issuegraph.web;

import io.issuegraph.identity.IdentityServiceUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers requests that could not be authenticated the way clients of a GraphQL API expect: the status
 * and {@code WWW-Authenticate} header of RFC 6750, and a GraphQL-shaped body with a classification.
 * When the identity service cannot be asked, 503: the token was neither accepted nor refused.
 */
@Component
class GraphQlAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private static final String SIGN_IN = "Sign in: this operation needs a bearer token from Netlify Identity.";

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final JsonMapper json;

    GraphQlAuthenticationEntryPoint(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (failure instanceof IdentityServiceUnavailableException) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            write(response, failure.getMessage(), "SERVICE_UNAVAILABLE");
            return;
        }
        bearer.commence(request, response, failure);
        String message = failure instanceof OAuth2AuthenticationException oauth
                && oauth.getError().getDescription() != null ? oauth.getError().getDescription() : SIGN_IN;
        write(response, message, response.getStatus() == HttpStatus.BAD_REQUEST.value() ? "BAD_REQUEST"
                : response.getStatus() == HttpStatus.FORBIDDEN.value() ? "FORBIDDEN" : "UNAUTHORIZED");
    }

    private void write(HttpServletResponse response, String message, String classification) throws IOException {
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Map.of("errors",
                List.of(Map.of("message", message, "extensions", Map.of("classification", classification)))));
    }
}
