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
    StorableIdentity storableIdentity(GoTrueClient gotrue) {
        return new StorableIdentity(gotrue.canDeleteIdentityUsers());
    }

    @Bean
    TokenVerifier tokenVerifier(IdentityProperties properties, GoTrueClient gotrue, StorableIdentity storable, Clock clock) {
        return switch (properties.mode()) {
            case HS256_SECRET -> new JwtTokenVerifier(IdentityTokenDecoders.hs256(properties));
            case JWKS -> new JwtTokenVerifier(IdentityTokenDecoders.jwks(properties));
            case INTROSPECTION -> new IntrospectingTokenVerifier(gotrue, storable, properties, clock);
        };
    }

    @Bean
    IdentityAuthenticationProvider identityAuthenticationProvider(TokenVerifier verifier, StorableIdentity storable,
            ClosedAccounts closedAccounts, MembershipProperties membership) {
        return new IdentityAuthenticationProvider(verifier, storable, closedAccounts, membership);
    }
}
