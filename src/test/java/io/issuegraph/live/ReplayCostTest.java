package io.issuegraph.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.testsupport.GraphQlSse;
import io.issuegraph.testsupport.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A replay costs by its size (docs/live-updates.md#cursors): a request per 100 events, from a bucket of 6
 * that refills one a second.
 */
// settings of its own: its server closes with it, not with the JVM (docs/testing.md#layers)
@DirtiesContext
@TestPropertySource(properties = {"issuegraph.rate-limit.enabled=true", "issuegraph.rate-limit.user-burst=6",
        "issuegraph.rate-limit.user-per-second=1", "issuegraph.rate-limit.mutation-cost=1"})
class ReplayCostTest extends IntegrationTest {

    @Autowired
    EventCursors cursors;

    @Test
    void aLongReplayIsChargedByItsSizeAndEndsWhenTheBucketIsEmpty() {
        long newest = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM issue_events").query(Long.class).single();
        jdbc.sql("INSERT INTO issue_events (issue_id, kind, status, created_at) VALUES "
                + IntStream.range(0, 1500).mapToObj(i -> "(" + (8_000_000_000L + i) + ", 'DELETED', 'done', UTC_TIMESTAMP(3))")
                        .collect(Collectors.joining(", "))).update();
        String after = cursors.encode(new EventCursor(newest, Instant.now()));

        List<JsonNode> got = new ArrayList<>();
        try (GraphQlSse replay = GraphQlSse.subscribe(port, gotrue.accessToken(newUser("Rita Replay")),
                "subscription ($after: String) { issueEvents(after: $after) { issueId } }", Map.of("after", after))) {
            JsonNode ended = null;
            for (JsonNode event; ended == null && (event = replay.next(Duration.ofSeconds(3))) != null;) {
                if (event.has("errors")) {
                    ended = event;
                } else {
                    got.add(event);
                }
            }

            // the subscription (1) and the first batch of 500 (5) take the 6; the second batch waits
            assertThat(got).hasSize(500);
            assertThat(ended).as("the stream's end").isNotNull();
            assertThat(ended.toString()).contains("TOO_MANY_REQUESTS").contains("Too many events replayed");
        }
    }
}
