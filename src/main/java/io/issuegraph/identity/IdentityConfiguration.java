package io.issuegraph.identity;

import io.issuegraph.IdentityProperties;
import io.issuegraph.gotrue.GoTrueClient;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Picks how tokens are verified from what is configured (see {@link IdentityProperties#mode()}). */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    @Bean
    TokenVerifier tokenVerifier(IdentityProperties properties, GoTrueClient gotrue, Clock clock) {
        return switch (properties.mode()) {
            case HS256_SECRET -> new JwtTokenVerifier(IdentityTokenDecoders.hs256(properties));
            case JWKS -> new JwtTokenVerifier(IdentityTokenDecoders.jwks(properties));
            case INTROSPECTION -> new IntrospectingTokenVerifier(gotrue, properties.introspectionCacheTtl(), clock);
        };
    }

    @Bean
    IdentityAuthenticationProvider identityAuthenticationProvider(TokenVerifier verifier, ClosedAccounts closedAccounts) {
        return new IdentityAuthenticationProvider(verifier, closedAccounts);
    }
}
