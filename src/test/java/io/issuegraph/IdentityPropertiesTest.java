package io.issuegraph;

import static io.issuegraph.testsupport.EnvironmentVariables.assertRefused;
import static io.issuegraph.testsupport.EnvironmentVariables.bind;
import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.testsupport.TestIdentity;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * ISSUEGRAPH_IDENTITY_*: how the variables an operator sets choose the way tokens are verified, and each
 * refusal's one line (the start-up report itself is ConfigurationTest's).
 */
class IdentityPropertiesTest {

    private static final String SECRET = "ISSUEGRAPH_IDENTITY_JWT_SECRET=" + TestIdentity.JWT_SECRET;
    private static final String BRIDGE_SECRET = "ISSUEGRAPH_IDENTITY_DELETE_BRIDGE_SECRET=" + TestIdentity.JWT_SECRET;

    @Test
    void defaults() {
        IdentityProperties identity = bind(IdentityProperties.class, SECRET);
        assertThat(identity).extracting(IdentityProperties::connectTimeout, IdentityProperties::readTimeout,
                IdentityProperties::clockSkew, IdentityProperties::introspectionCacheTtl, IdentityProperties::tokenLifetime,
                IdentityProperties::healthCacheTtl, IdentityProperties::jwksCacheTtl, IdentityProperties::jwksOutageTolerance)
                .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ofSeconds(60),
                        Duration.ofHours(1), Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofHours(24));
        assertThat(identity.introspectionConcurrency()).isEqualTo(16);
        assertThat(identity).extracting(IdentityProperties::audience, IdentityProperties::adminToken,
                IdentityProperties::requiredRole, IdentityProperties::deleteBridgeUrl).containsOnlyNulls();
    }

    @Test
    void theSettingsPresentChooseHowTokensAreVerified() {
        assertThat(bind(IdentityProperties.class, SECRET).mode()).isEqualTo(IdentityProperties.Mode.HS256_SECRET);
        assertThat(bind(IdentityProperties.class, "ISSUEGRAPH_IDENTITY_URL=https://site.example.com/.netlify/identity").mode())
                .isEqualTo(IdentityProperties.Mode.INTROSPECTION);
        assertThat(bind(IdentityProperties.class, SECRET, "ISSUEGRAPH_IDENTITY_URL=https://identity.example.com",
                "ISSUEGRAPH_IDENTITY_JWKS_URI=https://identity.example.com/.well-known/jwks.json").mode())
                .isEqualTo(IdentityProperties.Mode.JWKS);
    }

    /** A variable set to blanks (as templates often leave them) counts as unset. */
    @Test
    void blankValuesAreUnsetAndTheRequiredRoleIsTrimmed() {
        IdentityProperties identity = bind(IdentityProperties.class, SECRET, "ISSUEGRAPH_IDENTITY_AUDIENCE= ",
                "ISSUEGRAPH_IDENTITY_ADMIN_TOKEN= ", "ISSUEGRAPH_IDENTITY_REQUIRED_ROLE= member ");
        assertThat(identity.audience()).isNull();
        assertThat(identity.adminToken()).isNull();
        assertThat(identity.requiredRole()).isEqualTo("member");
    }

    @Test
    void secretsAreNeverPrinted() {
        IdentityProperties identity = bind(IdentityProperties.class, SECRET, "ISSUEGRAPH_IDENTITY_ADMIN_TOKEN=admin-token-value");
        assertThat(identity.toString()).contains("mode=HS256_SECRET")
                .doesNotContain(TestIdentity.JWT_SECRET).doesNotContain("admin-token-value");
    }

    /** What a newcomer who ran the jar with nothing set meets first. */
    @Test
    void noIdentityAtAllIsRefused() {
        assertRefused(IdentityProperties.class).hasMessage("No identity is configured: set ISSUEGRAPH_IDENTITY_JWT_SECRET, "
                + "ISSUEGRAPH_IDENTITY_JWKS_URI or ISSUEGRAPH_IDENTITY_URL.");
    }

    @Test
    void aSecretShorterThan32BytesIsRefusedWithoutBeingShown() {
        assertRefused(IdentityProperties.class, "ISSUEGRAPH_IDENTITY_JWT_SECRET=only-twenty-bytes-!!")
                .hasMessage("ISSUEGRAPH_IDENTITY_JWT_SECRET is shorter than 32 bytes; use GoTrue's GOTRUE_JWT_SECRET "
                        + "(at least 32 bytes).");
    }

    @Test
    void urlsMustBeAbsoluteHttp() {
        assertRefused(IdentityProperties.class, "ISSUEGRAPH_IDENTITY_URL=identity.example.com/no-scheme")
                .hasMessage("ISSUEGRAPH_IDENTITY_URL must be an absolute http(s) URL.");
        assertRefused(IdentityProperties.class, "ISSUEGRAPH_IDENTITY_JWKS_URI=ftp://keys.example.com/jwks.json")
                .hasMessage("ISSUEGRAPH_IDENTITY_JWKS_URI must be an absolute http(s) URL.");
    }

    /** Tokens, tickets and the admin token travel to these URLs: plain http only to this machine. */
    @Test
    void plainHttpIsRefusedToAnyHostButThisMachine() {
        String httpsOnly = " must be an https:// URL (http:// only for localhost): tokens and credentials are sent to it.";
        assertRefused(IdentityProperties.class, "ISSUEGRAPH_IDENTITY_URL=http://identity.example.com")
                .hasMessage("ISSUEGRAPH_IDENTITY_URL" + httpsOnly);
        assertRefused(IdentityProperties.class, "ISSUEGRAPH_IDENTITY_JWKS_URI=http://10.0.0.7/jwks.json")
                .hasMessage("ISSUEGRAPH_IDENTITY_JWKS_URI" + httpsOnly);
        assertRefused(IdentityProperties.class, "ISSUEGRAPH_IDENTITY_URL=https://identity.example.com",
                "ISSUEGRAPH_IDENTITY_DELETE_BRIDGE_URL=http://127.0.0.1.example.com/bridge", BRIDGE_SECRET)
                .hasMessage("ISSUEGRAPH_IDENTITY_DELETE_BRIDGE_URL" + httpsOnly);
        assertThat(bind(IdentityProperties.class, "ISSUEGRAPH_IDENTITY_URL=http://[::1]:9999").url()).hasHost("[::1]");
        assertThat(bind(IdentityProperties.class, "ISSUEGRAPH_IDENTITY_URL=http://127.0.0.1:9999").url()).hasPort(9999);
    }

    @Test
    void theBridgeNeedsItsSecretOfAtLeast32Bytes() {
        String bridge = "ISSUEGRAPH_IDENTITY_DELETE_BRIDGE_URL=https://site.example.com/.netlify/functions/delete-identity-user";
        String refusal = "ISSUEGRAPH_IDENTITY_DELETE_BRIDGE_SECRET must be set (at least 32 bytes, the same value as on the "
                + "bridge function) when ISSUEGRAPH_IDENTITY_DELETE_BRIDGE_URL is.";
        assertRefused(IdentityProperties.class, SECRET, bridge).hasMessage(refusal);
        assertRefused(IdentityProperties.class, SECRET, bridge, "ISSUEGRAPH_IDENTITY_DELETE_BRIDGE_SECRET=short").hasMessage(refusal);
        assertThat(bind(IdentityProperties.class, SECRET, bridge, BRIDGE_SECRET).deleteBridgeSecret()).isEqualTo(TestIdentity.JWT_SECRET);
    }

    /** The keys last fetched must outlive one refresh, or an outage of a moment would refuse every token. */
    @Test
    void theJwkSetIsRefetchedAtMostEveryTwoSecondsAndToleratedDownForLonger() {
        String refusal = "ISSUEGRAPH_IDENTITY_JWKS_CACHE_TTL must be at least 2s and "
                + "ISSUEGRAPH_IDENTITY_JWKS_OUTAGE_TOLERANCE longer than it.";
        assertRefused(IdentityProperties.class, SECRET, "ISSUEGRAPH_IDENTITY_JWKS_CACHE_TTL=1999ms").hasMessage(refusal);
        assertRefused(IdentityProperties.class, SECRET, "ISSUEGRAPH_IDENTITY_JWKS_OUTAGE_TOLERANCE=5m").hasMessage(refusal);
        assertThat(bind(IdentityProperties.class, SECRET, "ISSUEGRAPH_IDENTITY_JWKS_CACHE_TTL=2s",
                "ISSUEGRAPH_IDENTITY_JWKS_OUTAGE_TOLERANCE=3s").jwksOutageTolerance()).isEqualTo(Duration.ofSeconds(3));
    }
}
