package io.issuegraph.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.issuegraph.identity.ClosedAccounts;
import io.issuegraph.issue.IssueEvent;
import io.issuegraph.issue.IssueService;
import io.issuegraph.issue.IssueStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

/** Fan-out without transports: filters, the per-user cap, a slow subscriber, and streams that must end. */
class IssueEventBroadcasterTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final Map<String, ClosedAccounts.Standing> standings = new HashMap<>();
    private final IssueService issues = mock(IssueService.class);
    private final ClosedAccounts closedAccounts = new ClosedAccounts() {
        @Override
        public Standing standingOf(String userId) {
            return standings.getOrDefault(userId, Standing.OPEN);
        }

        @Override
        public void identityUserGone(String userId) {
        }
    };
    private final MutableClock clock = new MutableClock();
    /** A buffer of 4 events, at most 2 subscriptions per user. */
    private final IssueEventBroadcaster broadcaster = new IssueEventBroadcaster(issues, closedAccounts,
            new LiveProperties(Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofHours(1), 2, 4), clock);

    IssueEventBroadcasterTest() {
        when(issues.findAll(any())).thenReturn(Map.of());
    }

    private static IssueEvent event(long id) {
        return new IssueEvent(id, id, IssueEvent.Kind.CREATED, IssueStatus.TODO, null, "someone", null,
                OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC));
    }

    /** Records what a subscriber gets, asking for {@code demand} events only. */
    private static final class Recorder extends BaseSubscriber<LiveIssueEvent> {
        final List<String> issueIds = new ArrayList<>();
        final AtomicReference<Throwable> ended = new AtomicReference<>();
        final long demand;

        Recorder(long demand) {
            this.demand = demand;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            request(demand);
        }

        @Override
        protected void hookOnNext(LiveIssueEvent event) {
            issueIds.add(event.issueId());
        }

        @Override
        protected void hookOnError(Throwable error) {
            ended.set(error);
        }
    }

    private Recorder subscribe(String userId, java.util.function.Predicate<IssueEvent> filter, long demand) {
        var recorder = new Recorder(demand);
        broadcaster.subscribe(userId, filter, NOW.plusSeconds(60)).subscribe(recorder);
        return recorder;
    }

    @Test
    void aSlowSubscriberEndsWithAnErrorAndNeverHoldsUpTheOthers() {
        Recorder slow = subscribe("slow", event -> true, 0);
        Recorder fast = subscribe("fast", event -> true, Long.MAX_VALUE);

        broadcaster.publish(LongStream.rangeClosed(1, 10).mapToObj(IssueEventBroadcasterTest::event).toList());

        assertThat(fast.issueIds).hasSize(10);
        assertThat(broadcaster.size()).as("the slow one gets nothing more").isEqualTo(1);
        // when it reads again: what its buffer held, then the error that says to resume
        slow.request(100);
        // (Reactor rounds the queue up to a power of two: 4 holds 8)
        assertThat(slow.issueIds).startsWith("1", "2", "3", "4").hasSizeLessThan(10);
        assertThat(slow.ended.get()).hasMessageContaining("fell too far behind");
    }

    @Test
    void eachSubscriberGetsWhatItsFilterMatches() {
        Recorder evens = subscribe("a", event -> event.issueId() % 2 == 0, Long.MAX_VALUE);

        broadcaster.publish(LongStream.rangeClosed(1, 4).mapToObj(IssueEventBroadcasterTest::event).toList());

        assertThat(evens.issueIds).containsExactly("2", "4");
    }

    @Test
    void aUserHasAtMostTheConfiguredNumberOfOpenSubscriptions() {
        subscribe("greedy", event -> true, 1);
        subscribe("greedy", event -> true, 1);
        Recorder third = subscribe("greedy", event -> true, 1);

        assertThat(third.ended.get()).hasMessageContaining("2 open subscriptions");
        assertThat(subscribe("other", event -> true, 1).ended.get()).isNull();
    }

    @Test
    void streamsEndAtTheTokensExpiryAndWhenTheAccountCloses() {
        Recorder expiring = subscribe("expiring", event -> true, 1);
        Recorder closing = new Recorder(1);
        broadcaster.subscribe("closing", event -> true, NOW.plusSeconds(3600)).subscribe(closing);

        broadcaster.endInvalidStreams();
        assertThat(expiring.ended.get()).isNull();

        clock.now = NOW.plusSeconds(60);
        standings.put("closing", ClosedAccounts.Standing.CLOSING);
        broadcaster.endInvalidStreams();

        assertThat(expiring.ended.get()).hasMessageContaining("token has expired");
        assertThat(closing.ended.get()).hasMessage("account deleted");
        assertThat(broadcaster.size()).isZero();
    }

    private static final class MutableClock extends Clock {
        Instant now = NOW;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
