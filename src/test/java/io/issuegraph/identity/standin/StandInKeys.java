package io.issuegraph.identity.standin;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.issuegraph.identity.standin.GoTrueStandIn.Config;
import io.issuegraph.identity.standin.GoTrueStandIn.Flavour;
import io.issuegraph.identity.standin.StandInAccounts.Account;
import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signing and verifying tokens as GoTrue does (docs/identity.md#tokens): with the HS256 secret, or with
 * an asymmetric key whose public half is published, and every key published before a rotation.
 */
final class StandInKeys {

    private record Keys(JWSAlgorithm algorithm, JWSSigner signer, JWSVerifier verifier) {

        static Keys of(String jwtSecret, JWK key) {
            try {
                if (key == null) {
                    byte[] secret = jwtSecret.getBytes(UTF_8); // raw bytes, no base64
                    return new Keys(JWSAlgorithm.HS256, new MACSigner(secret), new MACVerifier(secret));
                }
                if (key instanceof RSAKey rsa) {
                    return new Keys(JWSAlgorithm.RS256, new RSASSASigner(rsa), new RSASSAVerifier(rsa.toPublicJWK()));
                }
                if (key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
                    return new Keys(JWSAlgorithm.ES256, new ECDSASigner(ec), new ECDSAVerifier(ec.toPublicJWK()));
                }
                if (key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
                    var signer = new JdkEd25519Signer(okp);
                    return new Keys(JWSAlgorithm.EdDSA, signer, signer.verifier());
                }
            } catch (JOSEException | GeneralSecurityException e) {
                throw new IllegalArgumentException("unusable signing key: " + e.getMessage(), e);
            }
            throw new IllegalArgumentException("signingKey must be RSA, EC P-256 or Ed25519, got " + key.getKeyType());
        }
    }

    private final Flavour flavour;
    private final JsonMapper json;
    private volatile Keys keys;
    /** The key that signs now (null for HS256). */
    private volatile JWK signingKey;
    /** Every public key ever published, newest first. */
    private final List<JWK> publishedKeys = new CopyOnWriteArrayList<>();
    /** Keys by kid: tokens signed before a rotation stay valid, as with Supabase's rotated keys. */
    private final Map<String, Keys> keysByKid = new ConcurrentHashMap<>();

    StandInKeys(Config config, JsonMapper json) {
        this.flavour = config.flavour();
        this.json = json;
        this.keys = Keys.of(config.jwtSecret(), config.signingKey());
        this.signingKey = config.signingKey();
        if (signingKey != null) {
            publishedKeys.add(signingKey.toPublicJWK());
            keysByKid.put(String.valueOf(signingKey.getKeyID()), keys);
        }
    }

    /** Signs with {@code next} from now on; the previous public keys stay published. */
    synchronized void rotate(JWK next) {
        Keys nextKeys = Keys.of(null, next);
        publishedKeys.add(0, next.toPublicJWK());
        keysByKid.put(String.valueOf(next.getKeyID()), nextKeys);
        keys = nextKeys;
        signingKey = next;
    }

    /** Stops publishing the key {@code kid} (rotation after a compromise); tokens it signed stay signed. */
    void retire(String kid) {
        publishedKeys.removeIf(key -> kid.equals(key.getKeyID()));
    }

    /**
     * The JWK set, when there is an asymmetric key to publish; each key with {@code alg}, {@code use: sig}
     * and {@code key_ops: ["verify"]}, as supabase/auth bc32168 publishes them.
     */
    Optional<Map<String, Object>> jwkSet() {
        if (signingKey == null) {
            return Optional.empty();
        }
        List<Map<String, Object>> published = publishedKeys.stream().map(key -> {
            Map<String, Object> jwk = new LinkedHashMap<>(key.toJSONObject());
            jwk.putIfAbsent("alg", keysByKid.get(String.valueOf(key.getKeyID())).algorithm().getName());
            jwk.put("use", "sig");
            jwk.put("key_ops", List.of("verify"));
            return jwk;
        }).toList();
        return Optional.of(Map.of("keys", published));
    }

    String sign(Map<String, Object> claims) {
        // netlify HS256 tokens carry kid "nf-ident"; a JWK signs with its own kid
        JWK key = signingKey;
        String kid = key != null ? key.getKeyID() : flavour == Flavour.NETLIFY ? "nf-ident" : null;
        JWSHeader header = new JWSHeader.Builder(keys.algorithm()).keyID(kid).type(JOSEObjectType.JWT).build();
        // the payload is written by hand so that null claims (user_metadata) survive, as in GoTrue
        JWSObject jws = new JWSObject(header, new Payload(json.writeValueAsString(claims)));
        try {
            jws.sign(keys.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jws.serialize();
    }

    /** The claims GoTrue puts in an access token of this account (docs/identity.md#tokens). */
    Map<String, Object> claimsFor(Account account, Map<String, Object> appMetadata, Map<String, Object> userMetadata,
            String issuer, Duration ttl) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        if (flavour == Flavour.NETLIFY) {
            // exactly these claims, aud only when non-empty
            if (!account.aud().isEmpty()) {
                claims.put("aud", account.aud());
            }
            claims.put("exp", now + ttl.getSeconds());
            claims.put("sub", account.id());
            claims.put("email", account.email());
            claims.put("app_metadata", appMetadata);
            claims.put("user_metadata", userMetadata);
            return claims;
        }
        claims.put("iss", issuer);
        claims.put("aud", account.aud());
        claims.put("exp", now + ttl.getSeconds());
        claims.put("iat", now);
        claims.put("sub", account.id());
        claims.put("email", account.email());
        claims.put("phone", "");
        claims.put("app_metadata", appMetadata);
        claims.put("user_metadata", userMetadata);
        claims.put("role", account.role());
        claims.put("aal", "aal1");
        claims.put("amr", List.of(Map.of("method", "password", "timestamp", now)));
        claims.put("session_id", UUID.randomUUID().toString());
        claims.put("is_anonymous", false);
        return claims;
    }

    /**
     * Verifies like GoTrue: only the instance key's algorithm; exp/iat/nbf when present, no leeway
     * (docs/identity.md#the-user-object-and-get-user).
     */
    JWTClaimsSet verify(String token) {
        JWTClaimsSet claims;
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
            Keys byKid = keysByKid.getOrDefault(String.valueOf(jwt.getHeader().getKeyID()), this.keys);
            if (!alg.equals(byKid.algorithm())) {
                throw ApiError.invalidToken(flavour, "signing method " + alg + " is invalid");
            }
            if (!jwt.verify(byKid.verifier())) {
                throw ApiError.invalidToken(flavour, "signature is invalid");
            }
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException e) {
            throw ApiError.invalidToken(flavour, e.getMessage());
        }
        long now = Instant.now().getEpochSecond();
        Date exp = claims.getExpirationTime();
        if (exp != null && now > exp.toInstant().getEpochSecond()) {
            throw ApiError.invalidToken(flavour, "token is expired by " + goDuration(now - exp.toInstant().getEpochSecond()));
        }
        Date iat = claims.getIssueTime();
        // golang-jwt v4 (netlify) checks iat; v5 (supabase) does not by default
        if (flavour == Flavour.NETLIFY && iat != null && now < iat.toInstant().getEpochSecond()) {
            throw ApiError.invalidToken(flavour, "Token used before issued");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now < nbf.toInstant().getEpochSecond()) {
            throw ApiError.invalidToken(flavour, "token is not valid yet");
        }
        return claims;
    }

    /** The token's audience: a string or an array (docs/identity.md#tokens); GoTrue compares the first. */
    static String audience(JWTClaimsSet claims) {
        List<String> aud = claims.getAudience();
        return aud.isEmpty() ? "" : aud.get(0);
    }

    static String stringClaim(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String value ? value : null;
    }

    /** Go's time.Duration formatting for whole seconds, e.g. "5m3s", as in GoTrue's expiry message. */
    private static String goDuration(long seconds) {
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        return h > 0 ? h + "h" + m + "m" + s + "s" : m > 0 ? m + "m" + s + "s" : s + "s";
    }
}
