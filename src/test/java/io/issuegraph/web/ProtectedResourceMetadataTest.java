package io.issuegraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.testsupport.GraphQlHttp;
import io.issuegraph.testsupport.IntegrationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** RFC 9728 metadata with ISSUEGRAPH_PUBLIC_URL set: its URL, never the request's Host header. */
class ProtectedResourceMetadataTest extends IntegrationTest {

    @DynamicPropertySource
    static void publicUrl(DynamicPropertyRegistry registry) {
        registry.add("issuegraph.public-url", () -> "https://api.example.com/");
    }

    @Test
    void theChallengeNamesTheConfiguredUrlWhateverTheHostHeaderSays() {
        String head = GraphQlHttp.headWithHost(port, "POST", "/graphql", "evil.example");
        assertThat(head).startsWith("HTTP/1.1 401")
                .contains("resource_metadata=\"https://api.example.com/.well-known/oauth-protected-resource\"")
                .doesNotContain("evil.example");
    }

    @Test
    void theMetadataNamesTheConfiguredUrlAndClaimsNoCertificateBoundTokens() {
        HttpResponse<String> metadata = get("/.well-known/oauth-protected-resource");
        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(metadata.body()).contains("\"resource\":\"https://api.example.com\"")
                .doesNotContain("tls_client_certificate_bound_access_tokens").doesNotContain("127.0.0.1");
    }
}
