package io.issuegraph.live;

import io.issuegraph.InvalidConfigurationException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Live updates (environment {@code ISSUEGRAPH_LIVE_*}; docs/live-updates.md).
 *
 * @param pollInterval how often each instance reads new events
 * @param commitSettleTime how long a change may take from writing its event to committing; events that
 *     commit later than this after a newer one may be missed (at-least-once holds within it)
 * @param retention how long events are kept, so that a client can resume from its cursor
 * @param maxSubscriptionsPerUser open subscriptions one user may have on one instance
 * @param subscriberBuffer events held for a subscriber that is not keeping up; past it, its stream ends
 *     and the client resumes from its cursor
 * @param deliveryThreads without virtual threads, the threads that render events and write them to the
 *     subscribers' connections, so that the outbox's reader never waits for a socket
 * @param cursorKey the key that signs resume cursors (at least 32 bytes, the same on every instance);
 *     unset, a key made once is kept in the database
 */
@ConfigurationProperties("issuegraph.live")
public record LiveProperties(
        @DefaultValue("100ms") Duration pollInterval,
        @DefaultValue("10s") Duration commitSettleTime,
        @DefaultValue("1h") Duration retention,
        @DefaultValue("10") int maxSubscriptionsPerUser,
        @DefaultValue("256") int subscriberBuffer,
        @DefaultValue("16") int deliveryThreads,
        String cursorKey) {

    public LiveProperties {
        cursorKey = cursorKey == null || cursorKey.isBlank() ? null : cursorKey;
        if (cursorKey != null && cursorKey.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
            throw new InvalidConfigurationException("ISSUEGRAPH_LIVE_CURSOR_KEY must be at least 32 bytes.");
        }
        if (pollInterval.toMillis() < 10 || commitSettleTime.compareTo(pollInterval) <= 0
                || retention.compareTo(commitSettleTime.multipliedBy(2)) < 0) {
            throw new InvalidConfigurationException("ISSUEGRAPH_LIVE_POLL_INTERVAL must be at least 10ms, "
                    + "ISSUEGRAPH_LIVE_COMMIT_SETTLE_TIME longer than it, and ISSUEGRAPH_LIVE_RETENTION at least twice that.");
        }
        if (maxSubscriptionsPerUser < 1 || subscriberBuffer < 1 || deliveryThreads < 1) {
            throw new InvalidConfigurationException("ISSUEGRAPH_LIVE_MAX_SUBSCRIPTIONS_PER_USER, "
                    + "ISSUEGRAPH_LIVE_SUBSCRIBER_BUFFER and ISSUEGRAPH_LIVE_DELIVERY_THREADS must be at least 1.");
        }
    }

    /** Keeps the key out of logs and error reports. */
    @Override
    public String toString() {
        return "LiveProperties[pollInterval=" + pollInterval + ", commitSettleTime=" + commitSettleTime + ", retention="
                + retention + ", maxSubscriptionsPerUser=" + maxSubscriptionsPerUser + ", subscriberBuffer="
                + subscriberBuffer + ", deliveryThreads=" + deliveryThreads + ", cursorKey="
                + (cursorKey == null ? "unset" : "set") + "]";
    }
}
