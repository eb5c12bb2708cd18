package io.issuegraph.web;

import static io.issuegraph.testsupport.EnvironmentVariables.assertRefused;
import static io.issuegraph.testsupport.EnvironmentVariables.bind;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ISSUEGRAPH_WEBSOCKET_*: the caps on graphql-ws connections; the instance's default follows the heap (docs/live-updates.md#limits). */
class WebSocketPropertiesTest {

    private static final long MB = 1024 * 1024;

    @Test
    void theRecommendedHeapHoldsNinetyConnections() {
        // what the JVM reports as its maximum for -Xmx96m -XX:NewRatio=1 -XX:+UseSerialGC (one survivor space less)
        assertThat(WebSocketProperties.defaultMaxConnections(95_682_560)).isEqualTo(90);
    }

    @Test
    void eachConnectionTakes64KbOfTheOldGenerationBeyondTheIdleInstance() {
        assertThat(WebSocketProperties.defaultMaxConnections(210 * MB)).isEqualTo(1040);
        assertThat(WebSocketProperties.defaultMaxConnections(1024 * MB)).isEqualTo(7552);
    }

    @Test
    void aSmallHeapStillTakesSixteen() {
        assertThat(WebSocketProperties.defaultMaxConnections(64 * MB)).isEqualTo(16);
        assertThat(WebSocketProperties.defaultMaxConnections(96 * MB)).isEqualTo(128);
    }

    @Test
    void byDefaultTwentyPerAddressAndPerUserAndWhatThisHeapHolds() {
        WebSocketProperties caps = bind(WebSocketProperties.class);
        assertThat(caps.maxUnauthenticatedPerAddress()).isEqualTo(20);
        assertThat(caps.maxPerUser()).isEqualTo(20);
        assertThat(caps.maxConnections()).isEqualTo(WebSocketProperties.defaultMaxConnections(Runtime.getRuntime().maxMemory()));
    }

    @Test
    void anOperatorsCapReplacesTheHeapsFigure() {
        assertThat(bind(WebSocketProperties.class, "ISSUEGRAPH_WEBSOCKET_MAX_CONNECTIONS=5000").maxConnections()).isEqualTo(5000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MAX_UNAUTHENTICATED_PER_ADDRESS", "MAX_PER_USER", "MAX_CONNECTIONS"})
    void aCapOfZeroIsRefused(String setting) {
        assertRefused(WebSocketProperties.class, "ISSUEGRAPH_WEBSOCKET_" + setting + "=0")
                .hasMessage("ISSUEGRAPH_WEBSOCKET_MAX_UNAUTHENTICATED_PER_ADDRESS, ISSUEGRAPH_WEBSOCKET_MAX_PER_USER and "
                        + "ISSUEGRAPH_WEBSOCKET_MAX_CONNECTIONS must be at least 1.");
    }
}
