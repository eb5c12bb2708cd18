package io.issuegraph.web;

import io.issuegraph.RequestPipeline;
import io.issuegraph.graphql.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Every request needs a bearer token, except GraphiQL (and {@code /}, which leads there), the printed
 * schema, health (details only for admins), the favicon and CORS preflights (answered by
 * {@link CorsPolicy} ahead of authentication). Metrics need the scrape credential
 * ({@link MetricsProperties}). Tokens are checked by the identity package's provider, whatever the
 * verification mode, after {@link AddressRateLimitFilter}; what a caller may do is decided by method
 * security on the controllers, from the authorities the provider gave (docs/api.md#who-may-do-what). No
 * sessions, no cookies (so no CSRF to guard against).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
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

    /** Spring Security's firewall with its rules for header characters as {@link HeaderCharacters}. */
    @Bean
    WebSecurityCustomizer firewall() {
        var firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::allowedName);
        firewall.setAllowedHeaderValues(HeaderCharacters::allowedValue);
        return web -> web.httpFirewall(firewall);
    }

    /** Prometheus scrapes with HTTP Basic; without a configured password, nobody may. */
    @Bean
    @Order(RequestPipeline.METRICS_SECURITY)
    SecurityFilterChain metrics(HttpSecurity http, MetricsProperties metrics, RefusalResponses refusals) {
        AuthenticationProvider scrapeCredential = new AuthenticationProvider() {
            @Override
            public org.springframework.security.core.Authentication authenticate(
                    org.springframework.security.core.Authentication attempt) {
                byte[] given = String.valueOf(attempt.getCredentials()).getBytes(StandardCharsets.UTF_8);
                if (metrics.scrapePassword() == null || !MetricsProperties.SCRAPE_USER.equals(attempt.getName())
                        || !MessageDigest.isEqual(given, metrics.scrapePassword().getBytes(StandardCharsets.UTF_8))) {
                    throw new BadCredentialsException("not the scrape credential");
                }
                return UsernamePasswordAuthenticationToken.authenticated(attempt.getName(), null,
                        AuthorityUtils.createAuthorityList("METRICS"));
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
        return http
                .securityMatcher("/actuator/prometheus")
                .addFilterAfter(new ContentTypeGuard(refusals), HeaderWriterFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAuthority("METRICS"))
                .authenticationManager(new ProviderManager(scrapeCredential))
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, failure) -> {
                    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"issuegraph metrics\"");
                    refusals.write(request, response, Refusal.UNAUTHORIZED,
                            "Metrics need the scrape credential (ISSUEGRAPH_METRICS_SCRAPE_PASSWORD).", null);
                }))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    private static boolean isWebSocketHandshake(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) && "websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))
                && GraphQlHttpConfiguration.PATH.equals(request.getServletPath());
    }

    @Bean
    @Order(RequestPipeline.API_SECURITY)
    SecurityFilterChain api(HttpSecurity http, AuthenticationProvider identityAuthenticationProvider,
            GraphQlAuthenticationEntryPoint entryPoint, CorsPolicy corsPolicy, PublicUrlProperties publicUrl,
            UnverifiedTokens unverified, RefusalResponses refusals) {
        var tokens = new ProviderManager(List.of(identityAuthenticationProvider));
        var onePerRequest = new OncePerRequestBearerTokenResolver();
        // graphql-ws authenticates in connection_init alone: a token on the handshake would become the
        // thread-local caller of every message (Spring for GraphQL restores the handshake's thread-locals),
        // beside the one connection_init authenticated (docs/architecture.md#graphql-ws-authentication)
        BearerTokenResolver bearerTokens = request -> isWebSocketHandshake(request) ? null : onePerRequest.resolve(request);
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
                .addFilterAfter(new ContentTypeGuard(refusals), HeaderWriterFilter.class)
                .addFilter(corsPolicy.filter())
                .addFilterBefore(new AddressRateLimitFilter(bearerTokens, unverified, refusals),
                        BearerTokenAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/graphiql", "/graphiql/**", "/graphql/schema", "/actuator/health",
                                "/actuator/health/**", "/error").permitAll()
                        // the way to GraphiQL, and what browsers ask of every site (404, not 401)
                        .requestMatchers("/", "/favicon.ico").permitAll()
                        // graphql-ws authenticates in connection_init (WebSocketAuthenticationInterceptor):
                        // browsers cannot set headers on the handshake
                        .requestMatchers(SecurityConfiguration::isWebSocketHandshake).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(bearerTokens)
                        .authenticationManagerResolver(request -> tokens)
                        .authenticationEntryPoint(entryPoint)
                        .protectedResourceMetadata(metadata -> metadata.protectedResourceMetadataCustomizer(claims -> claims
                                .resource(String.valueOf(publicUrl.publicUrl()))
                                // Tokens are plain bearer tokens, not bound to a client certificate (RFC 8705).
                                .claims(all -> all.remove("tls_client_certificate_bound_access_tokens")))))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                // Filters for what a stateless API has none of: a logout URL, requests to replay after a login.
                // Each marked every request (bench/RESULTS.md). The servlet API's view of the caller stays:
                // the health endpoint asks it whether to show details.
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                // No anonymous authentication: a caller without a token is nobody. Spring for GraphQL carries
                // the handshake's security context into every graphql-ws message, where an anonymous one
                // would stand in for the caller that connection_init authenticated.
                .anonymous(anonymous -> anonymous.disable())
                // Spring Security's defaults stay (Cache-Control: no-store, nosniff, frames denied, HSTS over
                // https); the policy lets GraphiQL run from its own, self-hosted scripts and nothing else.
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .build();
    }
}
