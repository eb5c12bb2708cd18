package io.issuegraph.live;

import io.issuegraph.issue.IssueEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Which events a reader has seen, so that none is skipped and none delivered twice by this reader
 * (docs/live-updates.md#no-event-skipped). An auto-increment id is taken before its transaction commits,
 * so a reader of "id greater than the last seen" could pass over a row that commits late. The window
 * remembers every id it saw above {@link #low}, the point below which every id is settled: seen, or
 * taken longer ago than the commit settle time, so that it can no longer commit. The ids between
 * {@code low} and {@link #high} it has not seen ({@link #unseen()}) are looked up now and then: the late
 * ones.
 */
final class EventWindow {

    private final Duration settleTime;
    private long low;
    private long high;
    /** Ids seen above {@code low}, with the time of their event. */
    private final NavigableMap<Long, Instant> seen = new TreeMap<>();

    EventWindow(long start, Duration settleTime) {
        this.low = start;
        this.high = start;
        this.settleTime = settleTime;
    }

    long low() {
        return low;
    }

    long high() {
        return high;
    }

    /** The events of these not seen before, now remembered. */
    List<IssueEvent> accept(List<IssueEvent> events) {
        List<IssueEvent> fresh = new ArrayList<>();
        for (IssueEvent event : events) {
            if (event.id() > low && seen.putIfAbsent(event.id(), event.createdAt().toInstant()) == null) {
                fresh.add(event);
                high = Math.max(high, event.id());
            }
        }
        return fresh;
    }

    /**
     * The ids in {@code (low, high]} not seen yet: taken by transactions that have not committed (or never
     * will). Worked out from the ids seen, so that looking for late commits reads only these rows, not
     * every id of the window (bench/RESULTS.md, 2026-12-07 (morning)).
     */
    List<Long> unseen() {
        List<Long> missing = new ArrayList<>();
        long next = low + 1;
        for (long id : seen.keySet()) {
            while (next < id) {
                missing.add(next++);
            }
            next = id + 1;
        }
        return missing;
    }

    /**
     * Moves {@code low} up to the newest event seen that is older than the settle time: every smaller id
     * was taken before it, longer ago still, so has committed (and been seen) or never will.
     */
    void settle(Instant now) {
        Instant settled = now.minus(settleTime);
        for (Map.Entry<Long, Instant> entry : seen.descendingMap().entrySet()) {
            if (entry.getValue().isBefore(settled)) {
                low = entry.getKey();
                seen.headMap(low, true).clear();
                return;
            }
        }
    }
}
