package io.issuegraph.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestTemplate;

/** Local JWT verification the way GoTrue's tokens need it (contract §1.3, §7.7). */
final class IdentityTokenDecoders {

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
     * Asymmetric keys from a JWK set (Supabase signing keys), cached and fetched again when a token
     * names a key id that is not in the cached set (key rotation).
     */
    static JwtDecoder jwks(IdentityProperties properties) {
        var requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(properties.connectTimeout());
        requests.setReadTimeout(properties.readTimeout());
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwksUri().toString())
                .jwsAlgorithms(algorithms -> algorithms.addAll(List.of(SignatureAlgorithm.RS256, SignatureAlgorithm.RS512,
                        SignatureAlgorithm.ES256, SignatureAlgorithm.ES512)))
                .restOperations(new RestTemplate(requests))
                .build();
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
