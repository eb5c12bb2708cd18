package io.issuegraph.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.issuegraph.graphql.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Cursors are signed: only those this deployment issued are taken, and an old one says to reload. */
class EventCursorTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00.123Z");
    private static final Instant OLDEST_KEPT = NOW.minus(Duration.ofHours(1));

    private final EventCursors cursors = new EventCursors("a key of thirty-two bytes at least".getBytes(StandardCharsets.UTF_8));

    @Test
    void aCursorCarriesTheEventsIdAndTime() {
        var cursor = new EventCursor(42, NOW);

        assertThat(cursors.decode(cursors.encode(cursor), OLDEST_KEPT)).isEqualTo(cursor);
        assertThat(cursors.encode(cursor)).doesNotContain("42");
    }

    @Test
    void aCursorThisDeploymentNeverIssuedIsABadRequest() {
        String signed = decoded(cursors.encode(new EventCursor(42, NOW)));
        String otherKeys = new EventCursors(new byte[32]).encode(new EventCursor(42, NOW));
        for (String forged : new String[] {encoded("e1:0:" + NOW.toEpochMilli()), encoded("e2:0:" + NOW.toEpochMilli()),
                encoded(signed.replace("e2:42:", "e2:0:")), encoded(signed.substring(0, signed.length() - 2)), otherKeys}) {
            assertThatThrownBy(() -> cursors.decode(forged, OLDEST_KEPT)).as(forged).isInstanceOf(ApiException.class)
                    .hasMessageContaining("not a cursor of issueEvents");
        }
    }

    @Test
    void aCursorOlderThanTheWindowSaysToReloadWhoeverMadeIt() {
        for (String old : new String[] {cursors.encode(new EventCursor(42, OLDEST_KEPT.minusMillis(1))), encoded("e1:1:1000")}) {
            assertThatThrownBy(() -> cursors.decode(old, OLDEST_KEPT)).as(old).isInstanceOf(ApiException.class)
                    .hasMessageContaining("older than the events kept");
        }
    }

    @Test
    void anythingElseIsABadRequestThatSaysWhatToSend() {
        for (String notACursor : new String[] {"", "42", "not base64!", "ZTE6eDp5", "ZTE6OTk5OTk5OTk5OTk5OTk5OTk5OTk6MQ"}) {
            assertThatThrownBy(() -> cursors.decode(notACursor, OLDEST_KEPT)).as(notACursor).isInstanceOf(ApiException.class)
                    .hasMessageContaining("not a cursor of issueEvents");
        }
    }

    private static String encoded(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String decoded(String cursor) {
        return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
    }
}
