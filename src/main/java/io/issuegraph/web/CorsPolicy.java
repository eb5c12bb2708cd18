package io.issuegraph.web;

import io.issuegraph.graphql.Refusal;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * CORS for browser clients on the listed origins. The security chain runs it ahead of authentication,
 * so a preflight is answered without a token and a 401 still carries the headers that let the page read
 * why it was refused. Bearer tokens, not cookies: no credentials mode.
 */
@Component
class CorsPolicy {

    private final CorsProperties properties;
    private final RefusalResponses errors;

    CorsPolicy(CorsProperties properties, RefusalResponses errors) {
        this.properties = properties;
        this.errors = errors;
    }

    /** Without listed origins it changes nothing, and browsers let no other origin read an answer. */
    CorsFilter filter() {
        var source = new UrlBasedCorsConfigurationSource();
        if (!properties.allowedOrigins().isEmpty()) {
            var cors = new CorsConfiguration();
            cors.setAllowedOrigins(properties.allowedOrigins());
            cors.setAllowedMethods(List.of("GET", "POST"));
            cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, RequestIds.HEADER));
            // Content-Disposition names the download of GET /me/export.
            cors.setExposedHeaders(List.of(HttpHeaders.WWW_AUTHENTICATE, HttpHeaders.RETRY_AFTER, RequestIds.HEADER,
                    HttpHeaders.CONTENT_DISPOSITION));
            cors.setMaxAge(properties.maxAge());
            source.registerCorsConfiguration("/graphql", cors);
            source.registerCorsConfiguration("/graphql/**", cors);
            source.registerCorsConfiguration("/me/export", cors);
        }
        var filter = new CorsFilter(source);
        filter.setCorsProcessor(new DefaultCorsProcessor() {
            // Other origins get the GraphQL-shaped body every refusal has, and no CORS headers.
            @Override
            protected void rejectRequest(ServerHttpResponse response) throws IOException {
                errors.write(null, ((ServletServerHttpResponse) response).getServletResponse(), Refusal.FORBIDDEN,
                        "This origin may not call the API (ISSUEGRAPH_CORS_ALLOWED_ORIGINS).", null);
            }
        });
        return filter;
    }
}
