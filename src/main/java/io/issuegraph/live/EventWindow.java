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
 * taken longer ago than the commit settle time, so that it can no longer commit. A periodic scan of the
 * ids between {@code low} and {@link #high} finds the late ones.
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

    /** Of the ids a scan found in {@code (low, high]}, those not seen yet: late commits. */
    List<Long> unseen(List<Long> ids) {
        return ids.stream().filter(id -> id > low && !seen.containsKey(id)).toList();
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
