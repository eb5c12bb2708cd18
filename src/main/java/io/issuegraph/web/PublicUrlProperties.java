package io.issuegraph.web;

import io.issuegraph.SecureUrls;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where clients reach this server (environment {@code ISSUEGRAPH_PUBLIC_URL}), e.g.
 * {@code https://api.example.com}. The OAuth protected-resource metadata (RFC 9728) names it; without it
 * the metadata is left out, never guessed from the request's {@code Host} header, which anyone can set.
 *
 * @param publicUrl the base URL, without a trailing slash
 */
@ConfigurationProperties("issuegraph")
public record PublicUrlProperties(URI publicUrl) {

    static final String METADATA_PATH = "/.well-known/oauth-protected-resource";

    public PublicUrlProperties {
        SecureUrls.require(publicUrl, "ISSUEGRAPH_PUBLIC_URL");
        if (publicUrl != null && publicUrl.toString().endsWith("/")) {
            publicUrl = URI.create(publicUrl.toString().replaceAll("/+$", ""));
        }
    }

    /** The metadata document's URL, or null when no public URL is configured. */
    String metadataUrl() {
        return publicUrl == null ? null : publicUrl + METADATA_PATH;
    }
}
