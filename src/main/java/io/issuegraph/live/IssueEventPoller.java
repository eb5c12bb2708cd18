package io.issuegraph.live;

import io.issuegraph.JobThreads;
import io.issuegraph.RequestPipeline;
import io.issuegraph.database.OutageTolerantJob;
import io.issuegraph.issue.IssueEvent;
import io.issuegraph.issue.IssueEventOutbox;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Reads the outbox on every instance, one thread of its own (docs/live-updates.md#across-instances):
 * each poll, the events after the newest seen (one range of the primary key); every few polls, the ids
 * still unsettled and not seen, looked up by id, for events that committed late ({@link EventWindow});
 * then hands the new ones to the {@link IssueEventBroadcaster}, and ends streams whose token or account is
 * no longer good. Once a minute, the instance that holds the lease prunes events older than the retention
 * window.
 */
@Component
class IssueEventPoller implements SmartLifecycle {

    private static final int BATCH = 1_000;
    private static final int CATCH_UP_EVERY = 5;
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    private final IssueEventOutbox log;
    private final IssueEventBroadcaster broadcaster;
    private final LiveProperties properties;
    private final Clock clock;
    private final JobLease pruning;
    private volatile ThreadPoolTaskScheduler scheduler;
    private EventWindow window;
    private long polls;
    private OffsetDateTime nextPrune;

    IssueEventPoller(IssueEventOutbox log, IssueEventBroadcaster broadcaster, LiveProperties properties, Clock clock,
            JdbcClient jdbc) {
        this.log = log;
        this.broadcaster = broadcaster;
        this.properties = properties;
        this.clock = clock;
        this.pruning = new JobLease(jdbc, "issue-events-pruning", PRUNE_EVERY.multipliedBy(2));
    }

    /** One poll; on the poller's thread only. */
    void poll() {
        if (window == null) {
            window = new EventWindow(log.newestId(), properties.commitSettleTime());
        }
        List<IssueEvent> fresh = new ArrayList<>();
        List<IssueEvent> batch;
        do {
            batch = log.after(window.high(), BATCH);
            fresh.addAll(window.accept(batch));
        } while (batch.size() == BATCH);
        if (++polls % CATCH_UP_EVERY == 0) {
            List<Long> unseen = window.unseen();
            for (int from = 0; from < unseen.size(); from += BATCH) {
                fresh.addAll(window.accept(log.byIds(unseen.subList(from, Math.min(from + BATCH, unseen.size())))));
            }
            window.settle(clock.instant());
        }
        broadcaster.publish(fresh);
        broadcaster.endInvalidStreams();
        prune();
    }

    private void prune() {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        if (nextPrune != null && now.isBefore(nextPrune)) {
            return;
        }
        nextPrune = now.plus(PRUNE_EVERY);
        if (pruning.tryHold(now.toInstant())) {
            while (log.pruneBefore(now.minus(properties.retention()), BATCH) == BATCH) {
                // one batch at a time, so no statement holds many locks
            }
        }
    }

    @Override
    public void start() {
        scheduler = JobThreads.every(properties.pollInterval(), "issue-events",
                new OutageTolerantJob("The live updates' reader", this::poll));
    }

    /**
     * Stops reading, and ends the streams, before the web server's graceful shutdown waits for them; after
     * the graphql-ws connections have closed, so that what ends here are the SSE streams.
     */
    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
        broadcaster.completeAll();
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    @Override
    public int getPhase() {
        return RequestPipeline.END_STREAMS;
    }
}
