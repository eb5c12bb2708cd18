package io.issuegraph.live;

import io.issuegraph.identity.ClosedAccounts;
import io.issuegraph.issue.Issue;
import io.issuegraph.issue.IssueEvent;
import io.issuegraph.issue.IssueService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
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
 * only hands events over: each subscriber's events are rendered and written to its connection on a delivery
 * thread (a virtual one when virtual threads are on), one event at a time, so no socket ever holds up the
 * reader. Each subscriber has a bounded buffer of its own, so one that does not keep up never slows
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

    IssueEventBroadcaster(IssueService issues, ClosedAccounts closedAccounts, LiveProperties properties,
            EventCursors cursors, Clock clock, Environment environment) {
        this.issues = issues;
        this.closedAccounts = closedAccounts;
        this.properties = properties;
        this.cursors = cursors;
        this.clock = clock;
        this.delivery = Threading.VIRTUAL.isActive(environment) ? virtualDelivery() : platformDelivery(properties);
    }

    /**
     * Each subscriber's delivery on a virtual thread (docs/live-updates.md#slow-clients): the requests' carriers
     * do the work, with no pool of platform threads taking turns with them, and a write that blocks parks only
     * its subscriber's thread.
     */
    private static Scheduler virtualDelivery() {
        var threads = new SimpleAsyncTaskExecutor("live-delivery-");
        threads.setVirtualThreads(true);
        return Schedulers.fromExecutor(threads);
    }

    /** Without virtual threads (Java 17, or turned off), a pool of {@code ISSUEGRAPH_LIVE_DELIVERY_THREADS}. */
    private static Scheduler platformDelivery(LiveProperties properties) {
        var threads = new CustomizableThreadFactory("live-delivery-");
        threads.setDaemon(true);
        return Schedulers.fromExecutorService(Executors.newFixedThreadPool(properties.deliveryThreads(), threads),
                "live-delivery");
    }

    /** One subscriber's stream: live events from now on, matching its filter, until it ends. */
    private final class Subscriber {
        final String userId;
        final Predicate<IssueEvent> filter;
        final Instant expiresAt;
        /**
         * Its buffer takes room only for the events it holds: most subscribers are idle most of the time, and a
         * queue of {@code subscriberBuffer} slots made up front (Reactor's) was 1.4 KB of heap for each
         * (docs/live-updates.md#capacity).
         */
        final Sinks.Many<LiveIssueEvent> sink = Sinks.many().unicast()
                .onBackpressureBuffer(new SubscriberBuffer<>(properties.subscriberBuffer()));

        Subscriber(String userId, Predicate<IssueEvent> filter, Instant expiresAt) {
            this.userId = userId;
            this.filter = filter;
            this.expiresAt = expiresAt;
        }

        void push(LiveIssueEvent event) {
            if (sink.tryEmitNext(event) == Sinks.EmitResult.FAIL_OVERFLOW) {
                end(StreamEndings.tooSlow());
            }
        }

        void end(RuntimeException reason) {
            if (remove()) {
                sink.tryEmitError(reason);
            }
        }

        /** Whether this call removed it (each subscriber is removed, and uncounted, once). */
        boolean remove() {
            if (!subscribers.remove(this)) {
                return false;
            }
            openByUser.computeIfPresent(userId, (user, open) -> open > 1 ? open - 1 : null);
            return true;
        }
    }

    /**
     * A subscriber's stream: first {@code history}, then the live events. It registers when the stream is
     * subscribed to, before the history is read, so that nothing falls between the two; over the user's
     * cap, it is refused.
     */
    Flux<LiveIssueEvent> subscribe(String userId, Predicate<IssueEvent> filter, Instant expiresAt,
            Flux<LiveIssueEvent> history) {
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
            var subscriber = new Subscriber(userId, filter, expiresAt);
            subscribers.add(subscriber);
            return Flux.concat(history, subscriber.sink.asFlux().publishOn(delivery, 1))
                    .doFinally(signal -> subscriber.remove());
        });
    }

    /** Pushes new events (in id order) to every subscriber whose filter they match; loads the issues once. */
    void publish(List<IssueEvent> events) {
        if (subscribers.isEmpty() || events.isEmpty()) {
            return;
        }
        Map<Long, Issue> current = issues.findAll(events.stream().filter(event -> event.kind() != IssueEvent.Kind.DELETED)
                .map(IssueEvent::issueId).collect(Collectors.toSet()));
        for (IssueEvent event : events) {
            LiveIssueEvent live = LiveIssueEvent.of(event, current.get(event.issueId()), cursors, true);
            for (Subscriber subscriber : subscribers) {
                if (subscriber.filter.test(event)) {
                    subscriber.push(live);
                }
            }
        }
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
            if (subscriber.remove()) {
                subscriber.sink.tryEmitComplete();
            }
        }
    }

    @Override
    public void destroy() {
        delivery.dispose();
    }

    int size() {
        return subscribers.size();
    }
}
