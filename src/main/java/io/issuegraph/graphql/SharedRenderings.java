package io.issuegraph.graphql;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.util.RawValue;

/**
 * One event's renderings, one per group of its subscribers, each made by the first member of its group and
 * read by the others ({@link SharedEventExecution}). They are kept with the event, so they last exactly as
 * long as some subscriber still has the event to deliver, and go with it: a cache beside the events kept
 * them for seconds after their last reader, long enough to be copied into the old generation at every
 * young collection.
 */
public final class SharedRenderings {

    private final Map<Object, CompletableFuture<RawValue>> byGroup = new ConcurrentHashMap<>();

    /**
     * The group's rendering, made or being made by another subscriber; null when the caller is the first,
     * which must then {@link #finish} it.
     */
    CompletableFuture<RawValue> madeByAnother(Object group) {
        return byGroup.putIfAbsent(group, new CompletableFuture<>());
    }

    /** The group's rendering once it is made; null before, and when the first subscriber's answer was its own. */
    RawValue made(Object group) {
        CompletableFuture<RawValue> rendering = byGroup.get(group);
        return rendering == null ? null : rendering.getNow(null);
    }

    /**
     * The first subscriber's rendering, for the others of its group; null when its answer was its own (an
     * error, say): the others waiting render theirs, and the next to come is first again.
     */
    void finish(Object group, RawValue rendering) {
        CompletableFuture<RawValue> made = rendering == null ? byGroup.remove(group) : byGroup.get(group);
        made.complete(rendering);
    }
}
