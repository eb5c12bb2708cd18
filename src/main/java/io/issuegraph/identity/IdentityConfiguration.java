package io.issuegraph.identity;

import io.issuegraph.IdentityProperties;
import io.issuegraph.gotrue.GoTrueClient;
import java.time.Clock;
import java.util.function.Predicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** Picks how tokens are verified from what is configured (see {@link IdentityProperties#mode()}). */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    /** About 2 MB at most: a hash and a user's claims each. */
    private static final int VERIFIED_TOKENS = 10_000;

    @Bean
    StorableIdentityCheck storableIdentity(GoTrueClient gotrue) {
        return new StorableIdentityCheck(gotrue.canDeleteIdentityUsers());
    }

    /** Introspection caches GoTrue's answers itself; local verification remembers what it accepted. */
    @Bean
    TokenVerifier tokenVerifier(IdentityProperties properties, GoTrueClient gotrue, StorableIdentityCheck storable, Clock clock) {
        return switch (properties.mode()) {
            // the secret cannot change while the server runs
            case HS256_SECRET -> local(IdentityTokenDecoders.hs256(properties), token -> true, properties, clock);
            case JWKS -> {
                JwkSetKeySelector keys = IdentityTokenDecoders.jwkSetKeys(properties);
                yield local(IdentityTokenDecoders.jwks(properties, keys), keys::stillHoldsKeyOf, properties, clock);
            }
            case INTROSPECTION -> new IntrospectingTokenVerifier(gotrue, storable, properties, clock);
        };
    }

    private static TokenVerifier local(JwtDecoder decoder, Predicate<String> keyStillPublished,
            IdentityProperties properties, Clock clock) {
        return new CachingTokenVerifier(new JwtTokenVerifier(decoder), VERIFIED_TOKENS, properties.jwksCacheTtl(),
                keyStillPublished, clock);
    }

    @Bean
    IdentityAuthenticationProvider identityAuthenticationProvider(TokenVerifier verifier, StorableIdentityCheck storable,
            ClosedAccounts closedAccounts, IdentityProperties properties) {
        return new IdentityAuthenticationProvider(verifier, storable, closedAccounts, properties.requiredRole());
    }
}
