package io.issuegraph.live;

import graphql.GraphQLContext;
import io.issuegraph.graphql.ApiException;
import io.issuegraph.graphql.DirectDelivery;
import io.issuegraph.graphql.Refusal;
import io.issuegraph.identity.IdentityAuthentication;
import io.issuegraph.issue.IssueEvent;
import io.issuegraph.issue.IssueEventOutbox;
import io.issuegraph.issue.IssueInputs;
import io.issuegraph.issue.IssueService;
import io.issuegraph.ratelimit.RateLimitBuckets;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/** The {@code issueEvents} subscription of {@code schema/issues.graphqls}: for members, on every transport. */
@Controller
class IssueEventController {

    private static final int REPLAY_BATCH = 500;
    private static final int EVENTS_PER_REQUEST = 100;

    private final IssueService issues;
    private final IssueEventOutbox log;
    private final IssueEventBroadcaster broadcaster;
    private final LiveProperties properties;
    private final EventCursors cursors;
    private final RateLimitBuckets buckets;
    private final Clock clock;

    IssueEventController(IssueService issues, IssueEventOutbox log, IssueEventBroadcaster broadcaster,
            LiveProperties properties, EventCursors cursors, RateLimitBuckets buckets, Clock clock) {
        this.issues = issues;
        this.log = log;
        this.broadcaster = broadcaster;
        this.properties = properties;
        this.cursors = cursors;
        this.buckets = buckets;
        this.clock = clock;
    }

    /**
     * Live events from now on; with {@code after}, first the events since that cursor. The live stream is
     * opened before the past is read, so nothing falls between them; an event may then come twice
     * (at-least-once, docs/live-updates.md#guarantees).
     */
    @SubscriptionMapping
    @PreAuthorize("hasAuthority('MEMBER')")
    Flux<LiveIssueEvent> issueEvents(@Argument IssueInputs.IssueFilter filter, @Argument String after,
            IdentityAuthentication caller, GraphQLContext context) {
        Predicate<IssueEvent> matches = issues.eventFilter(filter, caller.getPrincipal());
        DirectDelivery direct = after == null ? DirectDelivery.of(context) : null; // a replay goes through the chain
        return Flux.defer(() -> { // a refused cursor is the stream's error
            EventCursor from = after == null ? null : cursors.decode(after, clock.instant().minus(properties.retention()));
            return broadcaster.subscribe(caller.getName(), matches, caller.expiresAt(),
                    from == null ? Flux.empty() : replay(from.id(), matches, caller.getName()), direct);
        });
    }

    /**
     * The events after the cursor that match, a batch at a time, each with its issue as it is now. Each
     * batch read costs the caller a request per {@value #EVENTS_PER_REQUEST} events in it, as a page of
     * {@code issues} would: over their limit, the stream ends with TOO_MANY_REQUESTS, and the client
     * resumes from the last cursor it got once the wait is over (docs/live-updates.md#cursors).
     */
    private Flux<LiveIssueEvent> replay(long afterId, Predicate<IssueEvent> matches, String userId) {
        return Flux.defer(() -> {
            List<IssueEvent> batch = log.after(afterId, REPLAY_BATCH);
            if (batch.isEmpty()) {
                return Flux.empty();
            }
            OptionalLong wait = buckets.charge(userId, (batch.size() + EVENTS_PER_REQUEST - 1) / EVENTS_PER_REQUEST);
            if (wait.isPresent()) {
                return Flux.error(new ApiException(Refusal.TOO_MANY_REQUESTS, "Too many events replayed: resubscribe "
                        + "with the cursor of the last event you got as after in " + wait.getAsLong() + " seconds.", null));
            }
            var current = issues.findAll(batch.stream().map(IssueEvent::issueId).collect(Collectors.toSet()));
            Flux<LiveIssueEvent> page = Flux.fromIterable(batch).filter(matches)
                    .map(event -> LiveIssueEvent.of(event, current.get(event.issueId()), cursors, false));
            return batch.size() < REPLAY_BATCH ? page
                    : page.concatWith(replay(batch.get(batch.size() - 1).id(), matches, userId));
        });
    }
}
