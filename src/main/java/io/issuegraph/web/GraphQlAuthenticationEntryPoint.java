package io.issuegraph.web;

import io.issuegraph.graphql.Refusal;
import io.issuegraph.identity.IdentityAuthentication;
import io.issuegraph.identity.IdentityServiceUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;

/**
 * Answers requests that could not be authenticated the way clients of a GraphQL API expect: the status
 * and {@code WWW-Authenticate} header of RFC 6750, and a GraphQL-shaped body with a classification.
 * When the identity service cannot be asked, 503: the token was neither accepted nor refused.
 * <p>
 * The challenge is built here rather than by Spring's {@code BearerTokenAuthenticationEntryPoint}, which
 * writes a {@code resource_metadata} URL made from the request's {@code Host} header.
 */
@Component
class GraphQlAuthenticationEntryPoint implements AuthenticationEntryPoint {

    /** Seconds: introspection's call slots free up, or the identity service returns, within a few. */
    private static final long IDENTITY_RETRY_AFTER_SECONDS = 5;

    private final RefusalResponses errors;
    private final PublicUrlProperties publicUrl;

    GraphQlAuthenticationEntryPoint(RefusalResponses errors, PublicUrlProperties publicUrl) {
        this.errors = errors;
        this.publicUrl = publicUrl;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (failure instanceof IdentityServiceUnavailableException) {
            errors.write(request, response, Refusal.SERVICE_UNAVAILABLE, failure.getMessage(), IDENTITY_RETRY_AFTER_SECONDS);
            return;
        }
        Refusal refusal = Refusal.UNAUTHORIZED;
        Map<String, String> challenge = new LinkedHashMap<>();
        String message = IdentityAuthentication.SIGN_IN;
        if (failure instanceof OAuth2AuthenticationException oauth) {
            OAuth2Error error = oauth.getError();
            challenge.put("error", error.getErrorCode());
            if (error.getDescription() != null) {
                challenge.put("error_description", error.getDescription());
                message = error.getDescription();
            }
            if (error instanceof BearerTokenError bearerError) {
                refusal = bearerError.getHttpStatus() == HttpStatus.BAD_REQUEST ? Refusal.BAD_REQUEST
                        : bearerError.getHttpStatus() == HttpStatus.FORBIDDEN ? Refusal.FORBIDDEN : Refusal.UNAUTHORIZED;
            }
        }
        if (publicUrl.metadataUrl() != null) {
            challenge.put("resource_metadata", publicUrl.metadataUrl());
        }
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, challenge.isEmpty() ? "Bearer" : "Bearer " + challenge.entrySet()
                .stream().map(parameter -> parameter.getKey() + "=\"" + parameter.getValue() + "\"").collect(Collectors.joining(", ")));
        errors.write(request, response, refusal, message, null);
    }
}
