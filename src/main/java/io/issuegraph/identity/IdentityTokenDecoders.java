package io.issuegraph.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.issuegraph.IdentityProperties;
import java.net.MalformedURLException;
import java.security.Key;
import java.security.interfaces.EdECPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** Local JWT verification the way GoTrue's tokens need it (docs/identity.md#what-issuegraph-checks). */
final class IdentityTokenDecoders {

    private static final int JWK_SET_SIZE_LIMIT = 256 * 1024;
    private static final Duration REFETCH_INTERVAL = Duration.ofSeconds(1);

    private IdentityTokenDecoders() {
    }

    /** HS256 only (so {@code alg: none} and every other algorithm are refused), key = the raw secret bytes. */
    static JwtDecoder hs256(IdentityProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder
                .withSecretKey(new SecretKeySpec(properties.jwtSecretBytes(), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(validator(properties));
        return decoder;
    }

    /**
     * Asymmetric keys from a JWK set (Supabase signing keys: RS256, RS512, ES256, ES512, EdDSA), cached
     * and fetched again, at most once a second, when a token names a key id that is not in the cached
     * set (key rotation). A failed fetch is retried once; while the set cannot be fetched, the keys last
     * fetched keep working for the outage tolerance (24 h by default), well beyond the cache lifetime.
     */
    static JwkSetKeySelector jwkSetKeys(IdentityProperties properties) {
        var retriever = new DefaultResourceRetriever(Math.toIntExact(properties.connectTimeout().toMillis()),
                Math.toIntExact(properties.readTimeout().toMillis()), JWK_SET_SIZE_LIMIT);
        JWKSource<SecurityContext> keys;
        AtomicLong outages = new AtomicLong();
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(properties.jwksUri().toURL(), retriever)
                    .cache(properties.jwksCacheTtl().toMillis(),
                            properties.connectTimeout().plus(properties.readTimeout()).toMillis())
                    // Refreshing ahead collides with the rate limit, and an outage is covered below anyway.
                    .refreshAheadCache(false)
                    .rateLimited(REFETCH_INTERVAL.toMillis())
                    .retrying(true)
                    .outageTolerant(properties.jwksOutageTolerance().toMillis(), outage -> outages.incrementAndGet())
                    .build();
        } catch (MalformedURLException checkedAtStartUp) {
            throw new IllegalStateException(checkedAtStartUp);
        }
        return new JwkSetKeySelector(keys, outages);
    }

    /** Tokens signed by one of {@code keys} ({@link #jwkSetKeys}). */
    static JwtDecoder jwks(IdentityProperties properties, JwkSetKeySelector keys) {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(keys);
        processor.setJWSVerifierFactory(new DefaultJWSVerifierFactory() {
            @Override
            public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
                return key instanceof EdECPublicKey ed25519 ? new Ed25519.Verifier(ed25519) : super.createJWSVerifier(header, key);
            }
        });
        processor.setJWTClaimsSetVerifier((claims, context) -> {
            // claims are checked by the validator below, as in the other modes
        });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(validator(properties));
        return decoder;
    }

    /**
     * {@code exp} is required and checked (and {@code nbf} when present) with a little clock skew;
     * {@code iat} and {@code iss} are not required: netlify/gotrue tokens carry neither. The audience is
     * checked only when configured, as a string or an array.
     */
    private static OAuth2TokenValidator<Jwt> validator(IdentityProperties properties) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator(properties.clockSkew()));
        validators.add(new JwtClaimValidator<>(JwtClaimNames.EXP, Objects::nonNull));
        validators.add(new JwtClaimValidator<>(JwtClaimNames.SUB, sub -> sub instanceof String id && !id.isBlank()));
        if (properties.audience() != null) {
            validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                    audience -> audience != null && audience.contains(properties.audience())));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }
}
