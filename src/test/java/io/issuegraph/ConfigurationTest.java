package io.issuegraph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.issuegraph.testsupport.TestDatabase;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The server refuses to start on a bad identity configuration, with one line that names the variable. */
@Tag("integration")
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationTest {

    @Test
    void refusesAShortSecret(CapturedOutput output) {
        assertRefusesToStart(Map.of("issuegraph.identity.jwt-secret", "only-twenty-bytes-!!"), output,
                "ISSUEGRAPH_IDENTITY_JWT_SECRET is shorter than 32 bytes");
        assertThat(output).doesNotContain("only-twenty-bytes-!!");
    }

    @Test
    void refusesToStartWithoutAnyIdentity(CapturedOutput output) {
        assertRefusesToStart(Map.of(), output, "No identity is configured: set ISSUEGRAPH_IDENTITY_JWT_SECRET");
    }

    @Test
    void refusesMalformedUrls(CapturedOutput output) {
        assertRefusesToStart(Map.of("issuegraph.identity.url", "identity.example.com/no-scheme"), output,
                "ISSUEGRAPH_IDENTITY_URL must be an absolute http(s) URL.");
        assertRefusesToStart(Map.of("issuegraph.identity.jwks-uri", "ftp://keys.example.com/jwks.json"), output,
                "ISSUEGRAPH_IDENTITY_JWKS_URI must be an absolute http(s) URL.");
    }

    @Test
    void refusesACorsOriginWithAPath(CapturedOutput output) {
        assertRefusesToStart(Map.of("issuegraph.identity.jwt-secret", "test-secret-of-at-least-thirty-two-bytes!",
                "issuegraph.cors.allowed-origins", "https://app.example.com/"), output,
                "ISSUEGRAPH_CORS_ALLOWED_ORIGINS holds \"https://app.example.com/\", which is not an origin");
    }

    @Test
    void refusesPlainHttpToARemoteHost(CapturedOutput output) {
        String secret = "a-secret-that-is-thirty-two-bytes-long";
        assertRefusesToStart(Map.of("issuegraph.identity.url", "http://identity.example.com"), output,
                "ISSUEGRAPH_IDENTITY_URL must be an https:// URL (http:// only for localhost)");
        assertRefusesToStart(Map.of("issuegraph.identity.jwks-uri", "http://10.0.0.7/jwks.json"), output,
                "ISSUEGRAPH_IDENTITY_JWKS_URI must be an https:// URL");
        assertRefusesToStart(Map.of("issuegraph.identity.url", "https://identity.example.com",
                "issuegraph.identity.delete-bridge-url", "http://127.0.0.1.example.com/bridge",
                "issuegraph.identity.delete-bridge-secret", secret), output,
                "ISSUEGRAPH_IDENTITY_DELETE_BRIDGE_URL must be an https:// URL");
        assertRefusesToStart(Map.of("issuegraph.identity.jwt-secret", secret,
                "issuegraph.public-url", "http://api.example.com"), output,
                "ISSUEGRAPH_PUBLIC_URL must be an https:// URL");
    }

    @Test
    void refusesABridgeWithoutItsSecret(CapturedOutput output) {
        assertRefusesToStart(Map.of("issuegraph.identity.url", "https://identity.example.com",
                "issuegraph.identity.delete-bridge-url", "https://site.example.com/.netlify/functions/delete-identity-user"),
                output, "ISSUEGRAPH_IDENTITY_DELETE_BRIDGE_SECRET must be set");
    }

    private static void assertRefusesToStart(Map<String, Object> identity, CapturedOutput output, String line) {
        Map<String, Object> properties = new HashMap<>(TestDatabase.get().springProperties());
        properties.put("server.port", "0");
        properties.putAll(identity);
        // As command-line arguments: they outrank application.properties, as environment variables do.
        String[] arguments = properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
        assertThatThrownBy(() -> new SpringApplicationBuilder(IssuegraphApplication.class).run(arguments).close())
                .hasRootCauseInstanceOf(InvalidConfigurationException.class)
                .rootCause().hasMessageStartingWith(line);
        assertThat(output).contains("APPLICATION FAILED TO START").contains("Description:\n\n" + line);
    }
}
