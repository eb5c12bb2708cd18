package io.issuegraph.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.issuegraph.graphql.ApiException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventCursorTest {

    @Test
    void aCursorCarriesTheEventsIdAndTime() {
        var cursor = new EventCursor(42, Instant.parse("2026-12-01T12:00:00.123Z"));

        assertThat(EventCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).doesNotContain("42");
    }

    @Test
    void anythingElseIsABadRequestThatSaysWhatToSend() {
        for (String notACursor : new String[] {"", "42", "not base64!", "ZTE6eDp5", "ZTE6OTk5OTk5OTk5OTk5OTk5OTk5OTk6MQ"}) {
            assertThatThrownBy(() -> EventCursor.decode(notACursor)).as(notACursor).isInstanceOf(ApiException.class)
                    .hasMessageContaining("not a cursor of issueEvents");
        }
    }
}
