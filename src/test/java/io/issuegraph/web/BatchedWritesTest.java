package io.issuegraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Flushable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** What a thread writes in one Reactor task is flushed once, at its end; elsewhere at once. */
class BatchedWritesTest {

    @Test
    void aTaskFlushesEachConnectionOnceAtItsEnd() throws IOException {
        var first = new AtomicInteger();
        var second = new AtomicInteger();
        Flushable firstConnection = first::incrementAndGet;
        Flushable secondConnection = second::incrementAndGet;
        BatchedWrites.flushSoon(firstConnection); // loads the class: its hook wraps the tasks from now on
        first.set(0);
        List<Integer> flushedDuringTheTask = new ArrayList<>();
        var scheduler = Schedulers.newSingle("batched-writes-test");
        try {
            // five events sent in one task of the scheduler, as a subscriber's events of a poll are
            Flux.range(1, 5).doOnNext(event -> {
                written(firstConnection);
                written(secondConnection);
                flushedDuringTheTask.add(first.get() + second.get());
            }).subscribeOn(scheduler).blockLast();
        } finally {
            scheduler.disposeGracefully().block(Duration.ofSeconds(10)); // the task has ended, and flushed
        }

        assertThat(flushedDuringTheTask).containsOnly(0);
        assertThat(first).hasValue(1);
        assertThat(second).hasValue(1);
    }

    @Test
    void outsideATaskEachWriteIsFlushedAtOnce() throws IOException {
        var flushes = new AtomicInteger();
        BatchedWrites.flushSoon(flushes::incrementAndGet);
        BatchedWrites.flushSoon(flushes::incrementAndGet);

        assertThat(flushes).hasValue(2);
    }

    private static void written(Flushable connection) {
        try {
            BatchedWrites.flushSoon(connection);
        } catch (IOException unexpected) {
            throw new AssertionError(unexpected);
        }
    }
}
