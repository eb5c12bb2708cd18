package io.issuegraph.web;

import static io.issuegraph.testsupport.EnvironmentVariables.assertRefused;
import static io.issuegraph.testsupport.EnvironmentVariables.bind;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** ISSUEGRAPH_PUBLIC_URL: the metadata's URL, and the URLs tokens must not be announced at. */
class PublicUrlPropertiesTest {

    @Test
    void unsetTheMetadataIsLeftOut() {
        PublicUrlProperties unset = bind(PublicUrlProperties.class);
        assertThat(unset.publicUrl()).isNull();
        assertThat(unset.metadataUrl()).isNull();
    }

    @Test
    void trailingSlashesAreDroppedBeforeTheMetadataPathIsAdded() {
        PublicUrlProperties set = bind(PublicUrlProperties.class, "ISSUEGRAPH_PUBLIC_URL=https://api.example.com/graph//");
        assertThat(set.publicUrl()).isEqualTo(URI.create("https://api.example.com/graph"));
        assertThat(set.metadataUrl()).isEqualTo("https://api.example.com/graph/.well-known/oauth-protected-resource");
    }

    @Test
    void plainHttpOnlyToThisMachine() {
        assertThat(bind(PublicUrlProperties.class, "ISSUEGRAPH_PUBLIC_URL=http://localhost:8080").metadataUrl())
                .isEqualTo("http://localhost:8080/.well-known/oauth-protected-resource");
        assertRefused(PublicUrlProperties.class, "ISSUEGRAPH_PUBLIC_URL=http://api.example.com")
                .hasMessage("ISSUEGRAPH_PUBLIC_URL must be an https:// URL (http:// only for localhost): "
                        + "tokens and credentials are sent to it.");
        assertRefused(PublicUrlProperties.class, "ISSUEGRAPH_PUBLIC_URL=api.example.com")
                .hasMessage("ISSUEGRAPH_PUBLIC_URL must be an absolute http(s) URL.");
    }
}
