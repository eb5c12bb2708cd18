package io.issuegraph.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.issue.IssueEvent;
import io.issuegraph.issue.IssueStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reader's bookkeeping against the outbox's classic hole: ids taken before commit, committing out of order. */
class EventWindowTest {

    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

    private static IssueEvent event(long id, Instant at) {
        return new IssueEvent(id, 100 + id, IssueEvent.Kind.CREATED, IssueStatus.TODO, null, "u", null,
                OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    @Test
    void aRowThatCommitsLateIsFoundByTheScanAndDeliveredOnce() {
        var window = new EventWindow(10, Duration.ofSeconds(10));

        // 11 and 13 committed; 12 took its id first but has not committed yet
        assertThat(window.accept(List.of(event(11, T0), event(13, T0)))).extracting(IssueEvent::id).containsExactly(11L, 13L);
        assertThat(window.high()).isEqualTo(13);
        assertThat(window.unseen()).as("looked up by id later").containsExactly(12L);

        // the lookup finds 12, now committed
        assertThat(window.accept(List.of(event(12, T0)))).extracting(IssueEvent::id).containsExactly(12L);
        assertThat(window.unseen()).isEmpty();
        assertThat(window.accept(List.of(event(11, T0), event(12, T0), event(13, T0)))).as("never twice").isEmpty();
    }

    @Test
    void theUnseenIdsAreTheGapsBetweenTheSeenOnesAboveTheSettledPoint() {
        var window = new EventWindow(100, Duration.ofSeconds(10));
        window.accept(List.of(event(99, T0), event(102, T0), event(103, T0), event(107, T0)));

        assertThat(window.unseen()).as("99 is settled already").containsExactly(101L, 104L, 105L, 106L);
        window.accept(List.of(event(105, T0), event(101, T0)));
        assertThat(window.unseen()).containsExactly(104L, 106L);
    }

    @Test
    void idsSettleOnlyOnceTheirEventsAreOlderThanTheSettleTime() {
        var window = new EventWindow(0, Duration.ofSeconds(10));
        window.accept(List.of(event(1, T0), event(2, T0.plusSeconds(5)), event(4, T0.plusSeconds(8))));

        window.settle(T0.plusSeconds(9));
        assertThat(window.low()).as("nothing is old enough yet").isZero();

        window.settle(T0.plusSeconds(16));
        assertThat(window.low()).as("2 is settled, so 1 and everything below; 3 may still commit").isEqualTo(2);
        assertThat(window.unseen()).containsExactly(3L);

        window.settle(T0.plusSeconds(19));
        assertThat(window.low()).isEqualTo(4);
        assertThat(window.unseen()).as("3 would have committed by now, or never will").isEmpty();
    }
}
