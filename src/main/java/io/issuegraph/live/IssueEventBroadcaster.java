package io.issuegraph.live;

import io.issuegraph.graphql.DirectDelivery;
import io.issuegraph.identity.ClosedAccounts;
import io.issuegraph.issue.Issue;
import io.issuegraph.issue.IssueEvent;
import io.issuegraph.issue.IssueService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.thread.Threading;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * This instance's subscribers, and what it pushes to them (docs/live-updates.md#slow-clients). The reader
 * only hands events over, so no socket ever holds up the reader: each subscriber's events are rendered and
 * written to its connection on a delivery thread (a virtual one when virtual threads are on), one event at a
 * time, or, for the subscribers of a connection written to directly, by that connection's writer
 * (docs/live-updates.md#direct-delivery). Each subscriber has a bounded buffer of its own, so one that does not keep up never slows
 * the others: when its buffer is full, its stream ends with an error that tells the client to resume from
 * its cursor. A stream also ends when its token expires (at {@code exp}) or its account is closed, on any
 * instance.
 */
@Component
class IssueEventBroadcaster implements DisposableBean {

    private final IssueService issues;
    private final ClosedAccounts closedAccounts;
    private final LiveProperties properties;
    private final EventCursors cursors;
    private final Clock clock;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    /** Open subscriptions by user, counted as they register, so that none races past the cap. */
    private final Map<String, Integer> openByUser = new ConcurrentHashMap<>();
    private final Scheduler delivery;
    /** One worker per connection written to directly, each running its tasks one at a time, in order. */
    private final Scheduler writers;
    private final Executor writerThreads;
    private final Map<Object, ConnectionWriter> connections = new ConcurrentHashMap<>();

    IssueEventBroadcaster(IssueService issues, ClosedAccounts closedAccounts, LiveProperties properties,
            EventCursors cursors, Clock clock, Environment environment) {
        this.issues = issues;
        this.closedAccounts = closedAccounts;
        this.properties = properties;
        this.cursors = cursors;
        this.clock = clock;
        boolean virtual = Threading.VIRTUAL.isActive(environment);
        this.delivery = virtual ? Schedulers.fromExecutor(virtualThreads("live-delivery-"))
                : Schedulers.fromExecutorService(Executors.newFixedThreadPool(properties.deliveryThreads(),
                        platformThreads("live-delivery-")), "live-delivery");
        // a connection's write blocks while its client does not read: it holds only that connection's thread
        this.writerThreads = virtual ? virtualThreads("live-writer-") : Executors.newCachedThreadPool(platformThreads("live-writer-"));
        this.writers = Schedulers.fromExecutor(writerThreads, true);
    }

    /**
     * Each delivery on a virtual thread (docs/live-updates.md#slow-clients): the requests' carriers do the work,
     * with no pool of platform threads taking turns with them, and a write that blocks parks only its own thread.
     */
    private static Executor virtualThreads(String prefix) {
        var threads = new SimpleAsyncTaskExecutor(prefix);
        threads.setVirtualThreads(true);
        return threads;
    }

    /**
     * Without virtual threads (Java 17, or turned off): the chain's deliveries on a pool of
     * {@code ISSUEGRAPH_LIVE_DELIVERY_THREADS}, the connections' writers on threads made as needed.
     */
    private static CustomizableThreadFactory platformThreads(String prefix) {
        var threads = new CustomizableThreadFactory(prefix);
        threads.setDaemon(true);
        return threads;
    }

    /**
     * What writes one connection's subscribers' events: each poll's events for all of them in one task, on a
     * thread of its own while it runs, in order (docs/live-updates.md#direct-delivery). It holds nothing but
     * its queue, so it goes when its last subscriber lets go of it.
     */
    private static final class ConnectionWriter {
        final Scheduler.Worker worker;
        /** Its subscribers, counted under the map's lock. */
        int subscribers;

        ConnectionWriter(Scheduler.Worker worker) {
            this.worker = worker;
        }
    }

    /** One event for one subscriber, written by its connection's writer. */
    private record Delivery(Subscriber subscriber, LiveIssueEvent event) {
    }

    /**
     * One subscriber's stream: live events from now on, matching its filter, until it ends. Its events go
     * through its reactive chain, or, when its transport writes them {@link DirectDelivery directly}, to its
     * connection's writer: then the chain carries only the stream's end, handed to that writer too, so that
     * it comes after the events before it.
     */
    private final class Subscriber {
        final String userId;
        final Predicate<IssueEvent> filter;
        final Instant expiresAt;
        final @Nullable DirectDelivery direct;
        final @Nullable ConnectionWriter writer;
        /** Events handed to its connection's writer and not yet written: its buffer when delivered directly. */
        final AtomicInteger unwritten = new AtomicInteger();
        /**
         * Its stream was cancelled, or its end has been passed on: its writer writes nothing more for it (its
         * tasks run in order, so what was handed over before the end is written first).
         */
        volatile boolean finished;
        /**
         * Its buffer takes room only for the events it holds: most subscribers are idle most of the time, and a
         * queue of {@code subscriberBuffer} slots made up front (Reactor's) was 1.4 KB of heap for each
         * (docs/live-updates.md#capacity).
         */
        final Sinks.Many<LiveIssueEvent> sink = Sinks.many().unicast()
                .onBackpressureBuffer(new SubscriberBuffer<>(properties.subscriberBuffer()));

        Subscriber(String userId, Predicate<IssueEvent> filter, Instant expiresAt, @Nullable DirectDelivery direct) {
            this.userId = userId;
            this.filter = filter;
            this.expiresAt = expiresAt;
            this.direct = direct;
            this.writer = direct == null ? null : connections.compute(direct.connection(), (connection, writer) -> {
                ConnectionWriter counted = writer == null ? new ConnectionWriter(writers.createWorker()) : writer;
                counted.subscribers++;
                return counted;
            });
        }

        void push(LiveIssueEvent event) {
            if (sink.tryEmitNext(event) == Sinks.EmitResult.FAIL_OVERFLOW) {
                end(StreamEndings.tooSlow());
            }
        }

        /** Takes room in its buffer for an event to be written directly; false, ending it, when there is none. */
        boolean handOver() {
            if (unwritten.incrementAndGet() <= properties.subscriberBuffer()) {
                return true;
            }
            end(StreamEndings.tooSlow());
            return false;
        }

        /** On its connection's writer. */
        void write(LiveIssueEvent event) {
            unwritten.decrementAndGet();
            if (finished) {
                return;
            }
            try {
                direct.deliver(event);
            } catch (CompletionException failed) {
                end(failed.getCause() instanceof RuntimeException cause ? cause : failed);
            } catch (RuntimeException failed) {
                end(failed);
            }
        }

        void end(RuntimeException reason) {
            end(sink -> sink.tryEmitError(reason));
        }

        /**
         * Signals its stream's end once, after the events handed over before it, as a chain's buffer would:
         * to its writer, if it has one.
         */
        void end(Consumer<Sinks.Many<LiveIssueEvent>> signal) {
            if (!subscribers.remove(this)) {
                return;
            }
            if (writer != null) {
                writer.worker.schedule(() -> {
                    finished = true;
                    signal.accept(sink);
                });
            } else {
                signal.accept(sink);
            }
            release(); // after the signal is with its writer: this may let go of it
        }

        /** Removes it without a signal (its stream was cancelled): true once. */
        boolean remove() {
            if (!subscribers.remove(this)) {
                return false;
            }
            finished = true;
            release();
            return true;
        }

        private void release() {
            openByUser.computeIfPresent(userId, (user, open) -> open > 1 ? open - 1 : null);
            if (direct != null) {
                connections.computeIfPresent(direct.connection(), (connection, counted) -> --counted.subscribers > 0 ? counted : null);
            }
        }
    }

    /**
     * A subscriber's stream: first {@code history}, then the live events. It registers when the stream is
     * subscribed to, before the history is read, so that nothing falls between the two; over the user's
     * cap, it is refused. With {@code direct}, its live events are written to its connection directly.
     */
    Flux<LiveIssueEvent> subscribe(String userId, Predicate<IssueEvent> filter, Instant expiresAt,
            Flux<LiveIssueEvent> history, @Nullable DirectDelivery direct) {
        return Flux.defer(() -> {
            boolean[] admitted = {false};
            openByUser.compute(userId, (user, open) -> {
                int count = open == null ? 0 : open;
                admitted[0] = count < properties.maxSubscriptionsPerUser();
                return admitted[0] ? count + 1 : open;
            });
            if (!admitted[0]) {
                return Flux.error(StreamEndings.tooMany(properties.maxSubscriptionsPerUser()));
            }
            var subscriber = new Subscriber(userId, filter, expiresAt, direct);
            subscribers.add(subscriber);
            return Flux.concat(history, subscriber.sink.asFlux().publishOn(delivery, 1))
                    .doFinally(signal -> subscriber.remove());
        });
    }

    /**
     * Pushes new events (in id order) to every subscriber whose filter they match; loads the issues once. The
     * events for subscribers written to directly go to each connection's writer in one task.
     */
    void publish(List<IssueEvent> events) {
        if (subscribers.isEmpty() || events.isEmpty()) {
            return;
        }
        Map<Long, Issue> current = issues.findAll(events.stream().filter(event -> event.kind() != IssueEvent.Kind.DELETED)
                .map(IssueEvent::issueId).collect(Collectors.toSet()));
        Map<ConnectionWriter, List<Delivery>> direct = new HashMap<>();
        for (IssueEvent event : events) {
            LiveIssueEvent live = LiveIssueEvent.of(event, current.get(event.issueId()), cursors, true);
            for (Subscriber subscriber : subscribers) {
                if (!subscriber.filter.test(event)) {
                    continue;
                }
                if (subscriber.writer == null) {
                    subscriber.push(live);
                } else if (subscriber.handOver()) {
                    direct.computeIfAbsent(subscriber.writer, writer -> new ArrayList<>()).add(new Delivery(subscriber, live));
                }
            }
        }
        direct.forEach((writer, deliveries) -> writer.worker.schedule(() -> {
            for (Delivery delivery : deliveries) {
                delivery.subscriber.write(delivery.event);
            }
        }));
    }

    /** Ends the streams whose token has expired or whose account is closed; run every poll. */
    void endInvalidStreams() {
        Instant now = clock.instant();
        for (Subscriber subscriber : subscribers) {
            ClosedAccounts.Lapse lapse = closedAccounts.lapse(subscriber.userId, subscriber.expiresAt, now);
            if (lapse != null) {
                subscriber.end(lapse == ClosedAccounts.Lapse.TOKEN_EXPIRED ? StreamEndings.tokenExpired()
                        : StreamEndings.accountDeleted());
            }
        }
    }

    /**
     * Completes every stream: the server is stopping, and an open stream would hold its graceful
     * shutdown up; clients reconnect (to another instance) and resume with their last cursor.
     */
    void completeAll() {
        for (Subscriber subscriber : subscribers) {
            subscriber.end(Sinks.Many::tryEmitComplete);
        }
    }

    @Override
    public void destroy() {
        delivery.dispose();
        writers.dispose();
        if (writerThreads instanceof ExecutorService pool) {
            pool.shutdown();
        }
    }

    int size() {
        return subscribers.size();
    }

    /** The connections with subscribers written to directly. */
    int connectionWriters() {
        return connections.size();
    }
}
