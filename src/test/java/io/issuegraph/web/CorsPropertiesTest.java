package io.issuegraph.web;

import static io.issuegraph.testsupport.EnvironmentVariables.assertRefused;
import static io.issuegraph.testsupport.EnvironmentVariables.bind;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ISSUEGRAPH_CORS_*: which origins an operator's list allows, and the entries that could never match a browser's. */
class CorsPropertiesTest {

    @Test
    void noOriginIsAllowedByDefaultAndPreflightsLastAnHour() {
        CorsProperties cors = bind(CorsProperties.class);
        assertThat(cors.allowedOrigins()).isEmpty();
        assertThat(cors.maxAge()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aCommaSeparatedListIsTrimmedAndItsEmptyEntriesDropped() {
        CorsProperties cors = bind(CorsProperties.class,
                "ISSUEGRAPH_CORS_ALLOWED_ORIGINS=http://localhost:5173, https://app.example.com:8443 ,",
                "ISSUEGRAPH_CORS_MAX_AGE=10m");
        assertThat(cors.allowedOrigins()).containsExactly("http://localhost:5173", "https://app.example.com:8443");
        assertThat(cors.maxAge()).isEqualTo(Duration.ofMinutes(10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/", "https://app.example.com/app", "https://*.example.com",
        "app.example.com", "ftp://app.example.com", "https://app.example.com?x=1", "https://user@app.example.com",
        "https://app example.com"})
    void anythingButSchemeHostAndPortIsRefusedWithTheEntryQuoted(String origin) {
        assertRefused(CorsProperties.class, "ISSUEGRAPH_CORS_ALLOWED_ORIGINS=" + origin)
                .hasMessage("ISSUEGRAPH_CORS_ALLOWED_ORIGINS holds \"" + origin
                        + "\", which is not an origin like https://app.example.com (scheme, host and port only).");
    }
}
