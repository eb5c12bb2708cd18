package io.issuegraph.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every request needs a bearer token, except GraphiQL, the printed schema, health and CORS preflights
 * (answered by {@link BrowserOrigins} ahead of authentication). Tokens are
 * checked by the identity package's provider, whatever the verification mode; no sessions, no cookies
 * (so no CSRF to guard against).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, AuthenticationProvider identityAuthenticationProvider,
            GraphQlAuthenticationEntryPoint entryPoint, BrowserOrigins browserOrigins) {
        var tokens = new ProviderManager(identityAuthenticationProvider);
        return http
                .addFilter(browserOrigins.filter())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/graphiql", "/graphiql/**", "/graphql/schema", "/actuator/health",
                                "/actuator/health/**", "/error").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationManagerResolver(request -> tokens)
                        .authenticationEntryPoint(entryPoint))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }
}
