package io.issuegraph.web;

import io.issuegraph.InvalidConfigurationException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds on graphql-ws connections (environment {@code ISSUEGRAPH_WEBSOCKET_*}; docs/live-updates.md#limits).
 *
 * @param maxUnauthenticatedPerAddress connections one client address may hold open before their
 *     {@code connection_init} is accepted; past it, a new one closes with 4429
 * @param maxPerUser connections one user may hold open on one instance; past it, the {@code connection_init}
 *     of a new one is refused with 4429
 * @param maxConnections connections one instance holds open; past it, a new one closes with 1013 (try again
 *     later), so that clients go to another instance. By default one per 192 KB of the maximum heap (512
 *     with the recommended 96 MB): each open connection holds about 50 KB of Tomcat's and Spring's buffers,
 *     and a heap filled with them leaves the collector no room (bench/RESULTS.md)
 */
@ConfigurationProperties("issuegraph.websocket")
public record WebSocketProperties(
        @DefaultValue("20") int maxUnauthenticatedPerAddress,
        @DefaultValue("20") int maxPerUser,
        Integer maxConnections) {

    private static final long HEAP_PER_CONNECTION = 192 * 1024;

    public WebSocketProperties {
        if (maxConnections == null) {
            maxConnections = (int) Math.max(100, Runtime.getRuntime().maxMemory() / HEAP_PER_CONNECTION);
        }
        if (maxUnauthenticatedPerAddress < 1 || maxPerUser < 1 || maxConnections < 1) {
            throw new InvalidConfigurationException("ISSUEGRAPH_WEBSOCKET_MAX_UNAUTHENTICATED_PER_ADDRESS, "
                    + "ISSUEGRAPH_WEBSOCKET_MAX_PER_USER and ISSUEGRAPH_WEBSOCKET_MAX_CONNECTIONS must be at least 1.");
        }
    }
}
