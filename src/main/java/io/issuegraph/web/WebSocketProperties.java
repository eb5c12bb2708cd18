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
 *     later), so that clients go to another instance. By default one per 64 KB of what the old generation
 *     (half the heap, with the recommended {@code -XX:NewRatio=1}) has beyond the 40 MB an idle instance
 *     holds, and at least 16: 90 with the recommended 96 MB heap (of which the JVM counts 91 MB, one survivor
 *     space aside). An open connection holds about 40 KB of Tomcat's and Spring's buffers and state (with
 *     {@link TomcatBuffers} and {@link GraphQlWebSockets}' partial messages), and each subscription on it
 *     about 10 KB more; 300 connections on a 96 MB heap, when each held 72 KB, left the collector running full
 *     collections back to back (bench/RESULTS.md)
 */
@ConfigurationProperties("issuegraph.websocket")
public record WebSocketProperties(
        @DefaultValue("20") int maxUnauthenticatedPerAddress,
        @DefaultValue("20") int maxPerUser,
        Integer maxConnections) {

    private static final long IDLE_INSTANCE_HEAP = 40L * 1024 * 1024;
    private static final long HEAP_PER_CONNECTION = 64 * 1024;
    private static final int LEAST_CONNECTIONS = 16;

    public WebSocketProperties {
        if (maxConnections == null) {
            maxConnections = defaultMaxConnections(Runtime.getRuntime().maxMemory());
        }
        if (maxUnauthenticatedPerAddress < 1 || maxPerUser < 1 || maxConnections < 1) {
            throw new InvalidConfigurationException("ISSUEGRAPH_WEBSOCKET_MAX_UNAUTHENTICATED_PER_ADDRESS, "
                    + "ISSUEGRAPH_WEBSOCKET_MAX_PER_USER and ISSUEGRAPH_WEBSOCKET_MAX_CONNECTIONS must be at least 1.");
        }
    }

    /** The default {@code maxConnections} for a heap of this many bytes (see the record's description). */
    static int defaultMaxConnections(long maxHeap) {
        return (int) Math.max(LEAST_CONNECTIONS, (maxHeap / 2 - IDLE_INSTANCE_HEAP) / HEAP_PER_CONNECTION);
    }
}
