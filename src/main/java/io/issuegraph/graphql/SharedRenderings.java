package io.issuegraph.graphql;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.util.RawValue;

/**
 * The renderings of recent events, each made by the first subscriber of its group and kept for the others
 * ({@link SharedEventExecution}), within a budget of bytes: past it, the oldest go first. An event is
 * delivered to its subscribers within moments of each other, so only the last few events' renderings are
 * worth keeping; a subscriber that comes later renders its own.
 */
final class SharedRenderings {

    /** What an entry holds besides its text: the key, the map's and the queue's nodes, the future. */
    private static final int ENTRY_BYTES = 200;

    private final long budgetBytes;
    private final Map<Object, CompletableFuture<RawValue>> byGroup = new ConcurrentHashMap<>();
    private final Queue<Kept> oldestFirst = new ConcurrentLinkedQueue<>();
    private final AtomicLong keptBytes = new AtomicLong();

    private record Kept(Object group, long bytes) {
    }

    SharedRenderings(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /**
     * The group's rendering, made or being made by another subscriber; null when the caller is the first,
     * which must then {@link #finish} it.
     */
    CompletableFuture<RawValue> madeByAnother(Object group) {
        return byGroup.putIfAbsent(group, new CompletableFuture<>());
    }

    /**
     * The first subscriber's rendering, for the others of its group; null when its answer was its own (an
     * error, say): the others waiting render theirs, and the next to come is first again.
     */
    void finish(Object group, RawValue rendering) {
        CompletableFuture<RawValue> made = rendering == null ? byGroup.remove(group) : byGroup.get(group);
        made.complete(rendering);
        if (rendering == null) {
            return;
        }
        long bytes = ENTRY_BYTES + 2L * ((String) rendering.rawValue()).length();
        oldestFirst.add(new Kept(group, bytes));
        keptBytes.addAndGet(bytes);
        while (keptBytes.get() > budgetBytes) {
            Kept oldest = oldestFirst.poll();
            if (oldest == null) {
                return;
            }
            byGroup.remove(oldest.group());
            keptBytes.addAndGet(-oldest.bytes());
        }
    }

    /** The bytes held, as counted. */
    long keptBytes() {
        return keptBytes.get();
    }
}
