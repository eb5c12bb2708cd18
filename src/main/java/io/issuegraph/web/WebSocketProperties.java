package io.issuegraph.web;

import io.issuegraph.InvalidConfigurationException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds on graphql-ws connections (environment {@code ISSUEGRAPH_WEBSOCKET_*}; docs/live-updates.md#limits).
 *
 * @param maxUnauthenticatedPerAddress connections one client address may hold open before their
 *     {@code connection_init} is accepted; past it, a new one closes with 4429
 */
@ConfigurationProperties("issuegraph.websocket")
public record WebSocketProperties(@DefaultValue("20") int maxUnauthenticatedPerAddress) {

    public WebSocketProperties {
        if (maxUnauthenticatedPerAddress < 1) {
            throw new InvalidConfigurationException("ISSUEGRAPH_WEBSOCKET_MAX_UNAUTHENTICATED_PER_ADDRESS must be at least 1.");
        }
    }
}
