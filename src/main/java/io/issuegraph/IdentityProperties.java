package io.issuegraph;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How issuegraph reaches and trusts the Identity service (environment {@code ISSUEGRAPH_IDENTITY_*}).
 *
 * @param url GoTrue's base URL, e.g. {@code https://site.netlify.app/.netlify/identity}
 * @param jwtSecret the HS256 signing secret (GoTrue's {@code GOTRUE_JWT_SECRET}), raw UTF-8 bytes
 * @param jwksUri a JWK set of asymmetric signing keys (Supabase signing keys)
 * @param audience when set, tokens must carry it in {@code aud}
 * @param adminToken bearer for the admin API (GoTrue operator token or Supabase service_role key)
 * @param deleteBridgeUrl the Netlify Function that deletes the caller's hosted Identity user
 * @param deleteBridgeSecret the secret shared with that function, which signs its tickets
 * @param requiredRole when set, a role the caller's {@code app_metadata.roles} must hold for anything but
 *     {@code me} and {@code deleteMyAccount}; admins always pass
 * @param connectTimeout connect timeout of every call to GoTrue
 * @param readTimeout read timeout of every call to GoTrue
 * @param clockSkew tolerance when checking {@code exp} and {@code nbf}
 * @param introspectionCacheTtl how long a positive {@code /user} answer is reused (never beyond {@code exp})
 * @param introspectionConcurrency how many {@code /user} calls may run at once
 * @param tokenLifetime the longest lifetime of an access token (GoTrue's {@code JWT_EXP}): a deleted
 *     account's tokens are refused for this long (plus the clock skew) after its Identity user is gone
 * @param healthCacheTtl how long the health report reuses its last look at GoTrue
 * @param jwksCacheTtl how long a fetched JWK set is used before it is fetched again
 * @param jwksOutageTolerance how long the keys last fetched keep working while the JWK set cannot be fetched
 */
@ConfigurationProperties("issuegraph.identity")
public record IdentityProperties(
        URI url,
        String jwtSecret,
        URI jwksUri,
        String audience,
        String adminToken,
        URI deleteBridgeUrl,
        String deleteBridgeSecret,
        String requiredRole,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("3s") Duration readTimeout,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("60s") Duration introspectionCacheTtl,
        @DefaultValue("16") int introspectionConcurrency,
        @DefaultValue("1h") Duration tokenLifetime,
        @DefaultValue("10s") Duration healthCacheTtl,
        @DefaultValue("5m") Duration jwksCacheTtl,
        @DefaultValue("24h") Duration jwksOutageTolerance) {

    private static final int MIN_SECRET_BYTES = 32;

    /** How tokens are verified; chosen by which settings are present. */
    public enum Mode { HS256_SECRET, JWKS, INTROSPECTION }

    public IdentityProperties {
        jwtSecret = blankToNull(jwtSecret);
        audience = blankToNull(audience);
        adminToken = blankToNull(adminToken);
        deleteBridgeSecret = blankToNull(deleteBridgeSecret);
        requiredRole = requiredRole == null || requiredRole.isBlank() ? null : requiredRole.strip();
        if (jwtSecret != null && jwtSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new InvalidConfigurationException("ISSUEGRAPH_IDENTITY_JWT_SECRET is shorter than "
                    + MIN_SECRET_BYTES + " bytes; use GoTrue's GOTRUE_JWT_SECRET (at least 32 bytes).");
        }
        SecureUrls.require(url, "ISSUEGRAPH_IDENTITY_URL");
        SecureUrls.require(jwksUri, "ISSUEGRAPH_IDENTITY_JWKS_URI");
        SecureUrls.require(deleteBridgeUrl, "ISSUEGRAPH_IDENTITY_DELETE_BRIDGE_URL");
        if (deleteBridgeUrl != null && (deleteBridgeSecret == null
                || deleteBridgeSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES)) {
            throw new InvalidConfigurationException("ISSUEGRAPH_IDENTITY_DELETE_BRIDGE_SECRET must be set (at least "
                    + MIN_SECRET_BYTES + " bytes, the same value as on the bridge function) when "
                    + "ISSUEGRAPH_IDENTITY_DELETE_BRIDGE_URL is.");
        }
        if (jwksCacheTtl.compareTo(Duration.ofSeconds(2)) < 0 || jwksOutageTolerance.compareTo(jwksCacheTtl) <= 0) {
            throw new InvalidConfigurationException("ISSUEGRAPH_IDENTITY_JWKS_CACHE_TTL must be at least 2s and "
                    + "ISSUEGRAPH_IDENTITY_JWKS_OUTAGE_TOLERANCE longer than it.");
        }
        if (jwtSecret == null && jwksUri == null && url == null) {
            // what a newcomer who ran the jar with nothing set sees first: name the way to try it, and the database too
            throw new InvalidConfigurationException("No identity is configured: set ISSUEGRAPH_IDENTITY_JWT_SECRET, "
                    + "ISSUEGRAPH_IDENTITY_JWKS_URI or ISSUEGRAPH_IDENTITY_URL.",
                    "To try issuegraph with nothing to set up, run ./mvnw spring-boot:test-run in its checkout: it "
                    + "starts a local database and a local identity as well. To run this jar, set the identity "
                    + "(docs/configuration.md) and a MySQL 8.0+ or MariaDB 10.6+ database: SPRING_DATASOURCE_URL, "
                    + "SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD.");
        }
    }

    public Mode mode() {
        if (jwksUri != null) {
            return Mode.JWKS;
        }
        return jwtSecret != null ? Mode.HS256_SECRET : Mode.INTROSPECTION;
    }

    public byte[] jwtSecretBytes() {
        return jwtSecret.getBytes(StandardCharsets.UTF_8);
    }

    /** Keeps the secret and the admin token out of logs and error reports. */
    @Override
    public String toString() {
        return "IdentityProperties[mode=" + mode() + ", url=" + url + ", jwksUri=" + jwksUri + ", audience="
                + audience + ", deleteBridgeUrl=" + deleteBridgeUrl + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
