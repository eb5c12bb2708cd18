package io.issuegraph.web;

import io.issuegraph.identity.IdentityServiceUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;

/**
 * Answers requests that could not be authenticated the way clients of a GraphQL API expect: the status
 * and {@code WWW-Authenticate} header of RFC 6750, and a GraphQL-shaped body with a classification.
 * When the identity service cannot be asked, 503: the token was neither accepted nor refused.
 */
@Component
class GraphQlAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private static final String SIGN_IN = "Sign in: this operation needs a bearer token from Netlify Identity.";

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final GraphQlErrorResponses errors;

    GraphQlAuthenticationEntryPoint(GraphQlErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (failure instanceof IdentityServiceUnavailableException) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            errors.write(response, HttpStatus.SERVICE_UNAVAILABLE.value(), "SERVICE_UNAVAILABLE", failure.getMessage());
            return;
        }
        bearer.commence(request, response, failure);
        String message = failure instanceof OAuth2AuthenticationException oauth
                && oauth.getError().getDescription() != null ? oauth.getError().getDescription() : SIGN_IN;
        int status = response.getStatus();
        errors.write(response, status, status == HttpStatus.BAD_REQUEST.value() ? "BAD_REQUEST"
                : status == HttpStatus.FORBIDDEN.value() ? "FORBIDDEN" : "UNAUTHORIZED", message);
    }
}
