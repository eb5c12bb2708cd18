package io.issuegraph.web;

import java.io.Flushable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Schedulers;

/**
 * A graphql-ws connection's messages written in one Reactor task go out together, in one flush at the end of
 * the task, not one each (docs/live-updates.md#writes). A subscriber is handed a poll's events at once, and
 * the connection's sending thread writes them in one task, one after another: flushing each wrote, and woke
 * the client, once per event. Outside a Reactor task (the thread that received a message) a flush is done at
 * once.
 */
final class BatchedWrites {

    private static final Logger log = LoggerFactory.getLogger(BatchedWrites.class);

    /** The connections written to in the task this thread runs; null outside one. */
    private static final ThreadLocal<List<Flushable>> PENDING = new ThreadLocal<>();

    static {
        // every scheduler's tasks, Spring for GraphQL's per-connection ones included, which it does not let
        // anyone configure; the hook is stateless beyond the thread's own list, so one for every context
        Schedulers.onScheduleHook(BatchedWrites.class.getName(), BatchedWrites::flushingAfter);
    }

    private BatchedWrites() {
    }

    private static Runnable flushingAfter(Runnable task) {
        return () -> {
            if (PENDING.get() != null) { // run inside another task: that one flushes
                task.run();
                return;
            }
            List<Flushable> pending = new ArrayList<>(1);
            PENDING.set(pending);
            try {
                task.run();
            } finally {
                PENDING.remove();
                pending.forEach(BatchedWrites::flushQuietly);
            }
        };
    }

    /** Flushes the connection at the end of the Reactor task this thread runs, or now outside one. */
    static void flushSoon(Flushable connection) throws IOException {
        List<Flushable> pending = PENDING.get();
        if (pending == null) {
            connection.flush();
        } else if (!pending.contains(connection)) {
            pending.add(connection);
        }
    }

    /** A flush that fails finds the connection closed meanwhile, or its client gone: it is closed already. */
    private static void flushQuietly(Flushable connection) {
        try {
            connection.flush();
        } catch (IOException | IllegalStateException gone) {
            log.debug("A deferred flush failed: {}", gone.toString());
        }
    }
}
