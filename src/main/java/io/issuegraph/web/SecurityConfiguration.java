package io.issuegraph.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Every request needs a bearer token, except GraphiQL (and {@code /}, which leads there), the printed
 * schema, health, metrics (no user data; README "Metrics and logs" on keeping them off the public port),
 * the favicon and CORS preflights (answered by {@link BrowserOrigins} ahead of authentication). Tokens are
 * checked by the identity package's provider, whatever the verification mode; no sessions, no cookies
 * (so no CSRF to guard against). {@link RateLimits} sit on both sides of authentication.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
            + "worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /**
     * No observation per security filter, authentication and authorization: opening and closing one for
     * each of them was a large part of a request's cost (docs/scaling.md#where-the-time-goes). The request
     * as a whole stays timed ({@code http.server.requests}, {@code graphql.request}).
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, AuthenticationProvider identityAuthenticationProvider,
            GraphQlAuthenticationEntryPoint entryPoint, BrowserOrigins browserOrigins, PublicUrlProperties publicUrl,
            RateLimits rateLimits) {
        var tokens = new ProviderManager(identityAuthenticationProvider);
        if (publicUrl.publicUrl() == null) {
            // Spring would answer with a resource URL made from the Host header: no metadata is better.
            http.addFilterBefore((request, response, chain) -> {
                if (PublicUrlProperties.METADATA_PATH.equals(((HttpServletRequest) request).getServletPath())) {
                    ((HttpServletResponse) response).sendError(HttpServletResponse.SC_NOT_FOUND);
                } else {
                    chain.doFilter(request, response);
                }
            }, LogoutFilter.class); // ahead of Spring's metadata filter
        }
        return http
                .addFilter(browserOrigins.filter())
                .addFilterBefore(rateLimits.beforeAuthentication(), BearerTokenAuthenticationFilter.class)
                .addFilterAfter(rateLimits.afterAuthentication(), AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/graphiql", "/graphiql/**", "/graphql/schema", "/actuator/health",
                                "/actuator/health/**", "/actuator/prometheus", "/error").permitAll()
                        // the way to GraphiQL, and what browsers ask of every site (404, not 401)
                        .requestMatchers("/", "/favicon.ico").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationManagerResolver(request -> tokens)
                        .authenticationEntryPoint(entryPoint)
                        .protectedResourceMetadata(metadata -> metadata.protectedResourceMetadataCustomizer(claims -> claims
                                .resource(String.valueOf(publicUrl.publicUrl()))
                                // Tokens are plain bearer tokens, not bound to a client certificate (RFC 8705).
                                .claims(all -> all.remove("tls_client_certificate_bound_access_tokens")))))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                // Spring Security's defaults stay (Cache-Control: no-store, nosniff, frames denied, HSTS over
                // https); the policy lets GraphiQL run from its own, self-hosted scripts and nothing else.
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .build();
    }
}
