package io.issuegraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The default cap on graphql-ws connections follows the heap (docs/live-updates.md#limits). */
class WebSocketPropertiesTest {

    private static final long MB = 1024 * 1024;

    @Test
    void theRecommendedHeapHoldsSixtyConnections() {
        // what the JVM reports as its maximum for -Xmx96m -XX:NewRatio=1 -XX:+UseSerialGC (one survivor space less)
        assertThat(WebSocketProperties.defaultMaxConnections(95_682_560)).isEqualTo(60);
    }

    @Test
    void eachConnectionTakes96KbOfTheOldGenerationBeyondTheIdleInstance() {
        assertThat(WebSocketProperties.defaultMaxConnections(270 * MB)).isEqualTo(1013);
        assertThat(WebSocketProperties.defaultMaxConnections(1024 * MB)).isEqualTo(5034);
    }

    @Test
    void aSmallHeapStillTakesSixteen() {
        assertThat(WebSocketProperties.defaultMaxConnections(64 * MB)).isEqualTo(16);
        assertThat(WebSocketProperties.defaultMaxConnections(96 * MB)).isEqualTo(85);
    }
}
