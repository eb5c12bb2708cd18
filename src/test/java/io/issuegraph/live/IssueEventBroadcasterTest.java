package io.issuegraph.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import io.issuegraph.graphql.DirectDelivery;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reactivestreams.Subscription;
import org.springframework.mock.env.MockEnvironment;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

/**
 * Fan-out without transports: filters, the per-user cap, a slow subscriber, and streams that must end;
 * events arrive on the delivery threads.
 */
class IssueEventBroadcasterTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(5);

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
    /** A buffer of 4 events, at most 2 subscriptions per user, 2 delivery threads without virtual threads. */
    private static final LiveProperties PROPERTIES = new LiveProperties(Duration.ofMillis(100), Duration.ofSeconds(10),
            Duration.ofHours(1), 2, 4, 2, null);
    private final IssueEventBroadcaster broadcaster = broadcaster(false);

    IssueEventBroadcasterTest() {
        when(issues.findAll(any())).thenReturn(Map.of());
    }

    /** On virtual threads when asked and the JDK has them (21 and later), otherwise on platform threads. */
    private IssueEventBroadcaster broadcaster(boolean virtualThreads) {
        return new IssueEventBroadcaster(issues, closedAccounts, PROPERTIES, new EventCursors(new byte[32]), clock,
                new MockEnvironment().withProperty("spring.threads.virtual.enabled", Boolean.toString(virtualThreads)));
    }

    @AfterEach
    void stopDelivering() {
        broadcaster.destroy();
    }

    private static IssueEvent event(long id) {
        return new IssueEvent(id, id, IssueEvent.Kind.CREATED, IssueStatus.TODO, null, "someone", null,
                OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC));
    }

    /** Records what a subscriber gets, asking for {@code demand} events only. */
    private static class Recorder extends BaseSubscriber<LiveIssueEvent> {
        final List<String> issueIds = new CopyOnWriteArrayList<>();
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
        broadcaster.subscribe(userId, filter, NOW.plusSeconds(60), Flux.empty(), null).subscribe(recorder);
        return recorder;
    }

    @Test
    void aSlowSubscriberEndsWithAnErrorAndNeverHoldsUpTheOthers() {
        Recorder slow = subscribe("slow", event -> true, 0);
        Recorder fast = subscribe("fast", event -> true, Long.MAX_VALUE);

        for (long first = 1; first <= 10; first += 2) { // polls of two events, which the fast one keeps up with
            broadcaster.publish(LongStream.rangeClosed(first, first + 1).mapToObj(IssueEventBroadcasterTest::event).toList());
            long received = first + 1;
            await().atMost(WAIT).until(() -> fast.issueIds.size() == received);
        }
        assertThat(broadcaster.size()).as("the slow one gets nothing more").isEqualTo(1);
        // when it reads again: what its buffer held, then the error that says to resume
        slow.request(100);
        await().atMost(WAIT).until(() -> slow.ended.get() != null);
        // its buffer's 4 (exactly the setting: the buffer grows with what it holds, up to it), and at most the
        // one its delivery thread had taken
        assertThat(slow.issueIds).startsWith("1", "2", "3", "4").hasSizeLessThanOrEqualTo(5);
        assertThat(slow.ended.get()).hasMessageContaining("fell too far behind");
    }

    /**
     * With virtual threads, a delivery that blocks, as an SSE write to a client that stopped reading does,
     * holds up only its own subscriber: three at once, more than the pool's two threads could hold.
     */
    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void onVirtualThreadsBlockedDeliveriesHoldUpNoOneElse() throws InterruptedException {
        IssueEventBroadcaster virtual = broadcaster(true);
        var blocked = new CountDownLatch(3);
        var released = new CountDownLatch(1);
        try {
            for (int i = 0; i < 3; i++) {
                virtual.subscribe("stalled" + i, event -> true, NOW.plusSeconds(60), Flux.empty(), null)
                        .subscribe(new BaseSubscriber<LiveIssueEvent>() {
                            @Override
                            protected void hookOnNext(LiveIssueEvent event) {
                                blocked.countDown();
                                awaitQuietly(released);
                            }
                        });
            }
            var reading = new Recorder(Long.MAX_VALUE);
            virtual.subscribe("reading", event -> true, NOW.plusSeconds(60), Flux.empty(), null).subscribe(reading);

            virtual.publish(List.of(event(1), event(2)));

            assertThat(blocked.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("all three blocked at once").isTrue();
            await().atMost(WAIT).until(() -> reading.issueIds.size() == 2);
        } finally {
            released.countDown();
            virtual.destroy();
        }
    }

    /**
     * One operation's writer for direct delivery (docs/live-updates.md#direct-delivery): it records what it
     * writes in its connection's log, and checks that no two writes of the connection ever overlap.
     */
    private record Written(Connection connection, String operation) implements DirectDelivery.Writer {

        @Override
        public void next(ExecutionResult answer) {
            if (connection.writing.getAndIncrement() != 0) {
                connection.log.add("overlap");
            }
            connection.log.add(operation + ":" + answer.getData());
            awaitQuietly(connection.stalled);
            connection.writing.decrementAndGet();
        }

        DirectDelivery delivery() {
            return new DirectDelivery(event -> CompletableFuture.completedFuture(ExecutionResultImpl.newExecutionResult()
                    .data(((LiveIssueEvent) event).issueId()).build()), this);
        }
    }

    /** A connection's log of writes and stream ends; its writes block while {@code stalled} is up. */
    private static final class Connection {
        final List<String> log = new CopyOnWriteArrayList<>();
        final AtomicInteger writing = new AtomicInteger();
        final CountDownLatch stalled;

        Connection(int stalled) {
            this.stalled = new CountDownLatch(stalled);
        }

        /** A stream written to this connection directly; its chain records its end in the log. */
        Recorder subscribe(IssueEventBroadcaster broadcaster, String userId, String operation) {
            var ended = new Recorder(Long.MAX_VALUE) {
                @Override
                protected void hookOnError(Throwable error) {
                    log.add(operation + ":ended"); // first: once it is seen ended, its log has it
                    super.hookOnError(error);
                }
            };
            broadcaster.subscribe(userId, event -> true, NOW.plusSeconds(60), Flux.empty(),
                    new Written(this, operation).delivery()).subscribe(ended);
            return ended;
        }
    }

    /**
     * Written directly, a connection's events come in order, one write at a time, none through the stream's
     * chain, and the stream's end after the events handed over before it; its writer goes with its last
     * subscriber.
     */
    @ParameterizedTest(name = "virtual threads: {0}")
    @ValueSource(booleans = {false, true}) // true needs Java 21 or later: on 17, both are platform threads
    void directDeliveriesAreWrittenInOrderAndTheEndComesAfterThem(boolean virtualThreads) {
        IssueEventBroadcaster direct = broadcaster(virtualThreads);
        var connection = new Connection(0);
        try {
            Recorder a = connection.subscribe(direct, "u", "a");
            Recorder b = connection.subscribe(direct, "u", "b");
            assertThat(direct.connectionWriters()).isEqualTo(1);

            direct.publish(List.of(event(1), event(2)));
            direct.publish(List.of(event(3)));
            clock.now = NOW.plusSeconds(60);
            direct.endInvalidStreams();

            await().atMost(WAIT).until(() -> a.ended.get() != null && b.ended.get() != null);
            assertThat(connection.log).doesNotContain("overlap");
            assertThat(connection.log.stream().filter(entry -> entry.startsWith("a:")))
                    .containsExactly("a:1", "a:2", "a:3", "a:ended");
            assertThat(connection.log.stream().filter(entry -> entry.startsWith("b:")))
                    .containsExactly("b:1", "b:2", "b:3", "b:ended");
            assertThat(a.issueIds).as("nothing through the chain").isEmpty();
            assertThat(a.ended.get()).hasMessageContaining("token has expired");
            assertThat(direct.size()).isZero();
            assertThat(direct.connectionWriters()).isZero();
        } finally {
            direct.destroy();
        }
    }

    /**
     * A connection whose write blocks (a client that stopped reading) holds up no other connection; its
     * subscriber ends as too slow once its buffer's worth of events waits, and nothing more is handed over.
     */
    @ParameterizedTest(name = "virtual threads: {0}")
    @ValueSource(booleans = {false, true}) // true needs Java 21 or later: on 17, both are platform threads
    void aStalledConnectionHoldsUpNoOtherAndItsSubscriberEndsTooSlow(boolean virtualThreads) {
        IssueEventBroadcaster direct = broadcaster(virtualThreads);
        var stalled = new Connection(1);
        var reading = new Connection(0);
        try {
            Recorder stuck = stalled.subscribe(direct, "stuck", "s");
            reading.subscribe(direct, "reader", "r");

            direct.publish(List.of(event(1)));
            await().atMost(WAIT).until(() -> stalled.log.contains("s:1")); // its write has begun, and blocks
            for (long id = 2; id <= 6; id++) { // the buffer holds 4; the reading one keeps up with each poll
                direct.publish(List.of(event(id)));
                String written = "r:" + id;
                await().atMost(WAIT).until(() -> reading.log.contains(written));
            }

            assertThat(reading.log).hasSize(6);
            assertThat(direct.size()).as("the stalled one is ended").isEqualTo(1);
            assertThat(stuck.ended.get()).isNull(); // its end waits behind the write that blocks
            stalled.stalled.countDown();
            await().atMost(WAIT).until(() -> stuck.ended.get() != null);
            assertThat(stuck.ended.get()).hasMessageContaining("fell too far behind");
            // what it had been handed, as a buffer of the chain would have held, then the end
            assertThat(stalled.log).containsExactly("s:1", "s:2", "s:3", "s:4", "s:5", "s:ended");
        } finally {
            stalled.stalled.countDown();
            direct.destroy();
        }
    }

    /** A stream cancelled (the client's {@code complete}, its connection closed) is written nothing it was still owed. */
    @Test
    void aCancelledStreamIsWrittenNothingMore() {
        var connection = new Connection(1);
        try {
            Recorder cancelled = connection.subscribe(broadcaster, "u", "x");
            connection.subscribe(broadcaster, "u", "y");
            broadcaster.publish(List.of(event(1)));
            await().atMost(WAIT).until(() -> connection.log.size() == 1); // the first write has begun, and blocks
            broadcaster.publish(List.of(event(2))); // handed to the writer before the cancel

            cancelled.dispose();
            connection.stalled.countDown();
            broadcaster.publish(List.of(event(3)));

            await().atMost(WAIT).until(() -> connection.log.contains("y:3")); // the writer is past event 2 (in order)
            assertThat(connection.log).contains("y:1", "y:2").doesNotContain("x:2", "x:3");
            // a subscriber's writes come in the order the subscribers are kept in: x's first only if it began first
            assertThat(connection.log.indexOf("x:1")).isIn(-1, 0);
            assertThat(broadcaster.size()).isEqualTo(1);
        } finally {
            connection.stalled.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void eachSubscriberGetsWhatItsFilterMatches() {
        Recorder evens = subscribe("a", event -> event.issueId() % 2 == 0, Long.MAX_VALUE);

        broadcaster.publish(LongStream.rangeClosed(1, 4).mapToObj(IssueEventBroadcasterTest::event).toList());

        await().atMost(WAIT).until(() -> evens.issueIds.size() == 2);
        assertThat(evens.issueIds).containsExactly("2", "4");
    }

    @Test
    void aUserHasAtMostTheConfiguredNumberOfOpenSubscriptions() {
        subscribe("greedy", event -> true, 1);
        subscribe("greedy", event -> true, 1);
        Recorder third = subscribe("greedy", event -> true, 1);

        assertThat(third.ended.get()).hasMessageContaining("2 open subscriptions");
        assertThat(subscribe("other", event -> true, 1).ended.get()).isNull();
        third.dispose();
        assertThat(broadcaster.size()).as("no entry for the refused one").isEqualTo(3);
    }

    /** Many subscribing at once never get past the cap, and a stream that ends leaves no entry behind. */
    @Test
    void theCapHoldsUnderConcurrentSubscriptionsAndEndedStreamsLeaveNothing() throws Exception {
        List<Recorder> recorders = new CopyOnWriteArrayList<>();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        var start = new java.util.concurrent.CountDownLatch(1);
        for (int i = 0; i < 8; i++) {
            pool.submit(() -> {
                start.await();
                recorders.add(subscribe("racer", event -> true, 1));
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        assertThat(recorders).filteredOn(recorder -> recorder.ended.get() == null).hasSize(2);
        assertThat(broadcaster.size()).isEqualTo(2);
        recorders.forEach(Recorder::dispose);
        assertThat(broadcaster.size()).isZero();
        assertThat(subscribe("racer", event -> true, 1).ended.get()).as("the cap counts open ones only").isNull();
    }

    @Test
    void streamsEndAtTheTokensExpiryAndWhenTheAccountCloses() {
        Recorder expiring = subscribe("expiring", event -> true, 1);
        Recorder closing = new Recorder(1);
        broadcaster.subscribe("closing", event -> true, NOW.plusSeconds(3600), Flux.empty(), null).subscribe(closing);

        broadcaster.endInvalidStreams();
        assertThat(expiring.ended.get()).isNull();

        clock.now = NOW.plusSeconds(60);
        standings.put("closing", ClosedAccounts.Standing.CLOSING);
        broadcaster.endInvalidStreams();

        await().atMost(WAIT).until(() -> expiring.ended.get() != null && closing.ended.get() != null);
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
