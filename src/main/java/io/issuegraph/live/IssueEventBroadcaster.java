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
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * This instance's subscribers, and what it pushes to them. Each subscriber has a bounded buffer of its
 * own, so one that does not keep up never slows the others or the reader: when its buffer is full, its
 * stream ends with an error that tells the client to resume from its cursor. A stream also ends when its
 * token expires (at {@code exp}) or its account is closed, on any instance.
 */
@Component
class IssueEventBroadcaster {

    private final IssueService issues;
    private final ClosedAccounts closedAccounts;
    private final LiveProperties properties;
    private final Clock clock;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

    IssueEventBroadcaster(IssueService issues, ClosedAccounts closedAccounts, LiveProperties properties, Clock clock) {
        this.issues = issues;
        this.closedAccounts = closedAccounts;
        this.properties = properties;
        this.clock = clock;
    }

    /** One subscriber's stream: live events from now on, matching its filter, until it ends. */
    private final class Subscriber {
        final String userId;
        final Predicate<IssueEvent> filter;
        final Instant expiresAt;
        final Sinks.Many<LiveIssueEvent> sink = Sinks.many().unicast()
                .onBackpressureBuffer(Queues.<LiveIssueEvent>get(properties.subscriberBuffer()).get());

        Subscriber(String userId, Predicate<IssueEvent> filter, Instant expiresAt) {
            this.userId = userId;
            this.filter = filter;
            this.expiresAt = expiresAt;
        }

        void push(LiveIssueEvent event) {
            if (sink.tryEmitNext(event) == Sinks.EmitResult.FAIL_OVERFLOW) {
                end(SubscriptionEndedException.tooSlow());
            }
        }

        void end(RuntimeException reason) {
            if (subscribers.remove(this)) {
                sink.tryEmitError(reason);
            }
        }
    }

    /** Registers a subscriber; its stream is open from this moment, so history read after it leaves no gap. */
    Flux<LiveIssueEvent> subscribe(String userId, Predicate<IssueEvent> filter, Instant expiresAt) {
        long open = subscribers.stream().filter(subscriber -> subscriber.userId.equals(userId)).count();
        if (open >= properties.maxSubscriptionsPerUser()) {
            return Flux.error(SubscriptionEndedException.tooMany(properties.maxSubscriptionsPerUser()));
        }
        var subscriber = new Subscriber(userId, filter, expiresAt);
        subscribers.add(subscriber);
        return subscriber.sink.asFlux().doFinally(signal -> subscribers.remove(subscriber));
    }

    /** Pushes new events (in id order) to every subscriber whose filter they match; loads the issues once. */
    void publish(List<IssueEvent> events) {
        if (subscribers.isEmpty() || events.isEmpty()) {
            return;
        }
        Map<Long, Issue> current = issues.findAll(events.stream().filter(event -> event.kind() != IssueEvent.Kind.DELETED)
                .map(IssueEvent::issueId).collect(Collectors.toSet()));
        for (IssueEvent event : events) {
            LiveIssueEvent live = LiveIssueEvent.of(event, current.get(event.issueId()));
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
            if (!now.isBefore(subscriber.expiresAt)) {
                subscriber.end(SubscriptionEndedException.tokenExpired());
            } else if (closedAccounts.standingOf(subscriber.userId) != ClosedAccounts.Standing.OPEN) {
                subscriber.end(SubscriptionEndedException.accountDeleted());
            }
        }
    }

    /**
     * Completes every stream: the server is stopping, and an open stream would hold its graceful
     * shutdown up; clients reconnect (to another instance) and resume with their last cursor.
     */
    void completeAll() {
        for (Subscriber subscriber : subscribers) {
            if (subscribers.remove(subscriber)) {
                subscriber.sink.tryEmitComplete();
            }
        }
    }

    int size() {
        return subscribers.size();
    }
}
