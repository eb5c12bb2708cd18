package io.issuegraph.live;

import static io.issuegraph.testsupport.EnvironmentVariables.assertRefused;
import static io.issuegraph.testsupport.EnvironmentVariables.bind;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ISSUEGRAPH_LIVE_*: the outbox's timing and the subscribers' bounds (docs/live-updates.md), and what is refused. */
class LivePropertiesTest {

    private static final String TIMING = "ISSUEGRAPH_LIVE_POLL_INTERVAL must be at least 10ms, "
            + "ISSUEGRAPH_LIVE_COMMIT_SETTLE_TIME longer than it, and ISSUEGRAPH_LIVE_RETENTION at least twice that.";

    @Test
    void defaults() {
        LiveProperties live = bind(LiveProperties.class);
        assertThat(live).extracting(LiveProperties::pollInterval, LiveProperties::commitSettleTime, LiveProperties::retention)
                .containsExactly(Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofHours(1));
        assertThat(live).extracting(LiveProperties::maxSubscriptionsPerUser, LiveProperties::subscriberBuffer,
                LiveProperties::deliveryThreads).containsExactly(10, 256, 16);
        assertThat(live.cursorKey()).isNull();
    }

    @Test
    void aBlankCursorKeyIsUnsetAndAKeyIsNeverPrinted() {
        assertThat(bind(LiveProperties.class, "ISSUEGRAPH_LIVE_CURSOR_KEY= ").cursorKey()).isNull();
        String key = "k".repeat(32);
        LiveProperties keyed = bind(LiveProperties.class, "ISSUEGRAPH_LIVE_CURSOR_KEY=" + key);
        assertThat(keyed.cursorKey()).isEqualTo(key);
        assertThat(keyed.toString()).contains("cursorKey=set").doesNotContain(key);
    }

    @Test
    void aCursorKeyShorterThan32BytesIsRefused() {
        // 31 characters, but 32 bytes in UTF-8 would pass: the length is counted in bytes
        assertThat(bind(LiveProperties.class, "ISSUEGRAPH_LIVE_CURSOR_KEY=" + "é" + "k".repeat(30)).cursorKey()).hasSize(31);
        assertRefused(LiveProperties.class, "ISSUEGRAPH_LIVE_CURSOR_KEY=" + "k".repeat(31))
                .hasMessage("ISSUEGRAPH_LIVE_CURSOR_KEY must be at least 32 bytes.");
    }

    @Test
    void pollingFasterThanEvery10MsIsRefused() {
        assertRefused(LiveProperties.class, "ISSUEGRAPH_LIVE_POLL_INTERVAL=9ms").hasMessage(TIMING);
    }

    @Test
    void theSettleTimeMustOutlastAPoll() {
        assertRefused(LiveProperties.class, "ISSUEGRAPH_LIVE_POLL_INTERVAL=1s", "ISSUEGRAPH_LIVE_COMMIT_SETTLE_TIME=1s")
                .hasMessage(TIMING);
    }

    /** A client resuming from its cursor needs the events of at least two settle times. */
    @Test
    void retentionMustCoverTwoSettleTimes() {
        assertThat(bind(LiveProperties.class, "ISSUEGRAPH_LIVE_RETENTION=20s").retention()).isEqualTo(Duration.ofSeconds(20));
        assertRefused(LiveProperties.class, "ISSUEGRAPH_LIVE_RETENTION=19s").hasMessage(TIMING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MAX_SUBSCRIPTIONS_PER_USER", "SUBSCRIBER_BUFFER", "DELIVERY_THREADS"})
    void zeroSubscriptionsBufferOrThreadsIsRefused(String setting) {
        assertRefused(LiveProperties.class, "ISSUEGRAPH_LIVE_" + setting + "=0")
                .hasMessage("ISSUEGRAPH_LIVE_MAX_SUBSCRIPTIONS_PER_USER, ISSUEGRAPH_LIVE_SUBSCRIBER_BUFFER and "
                        + "ISSUEGRAPH_LIVE_DELIVERY_THREADS must be at least 1.");
    }
}
