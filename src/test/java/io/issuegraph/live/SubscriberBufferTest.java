package io.issuegraph.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/** A subscriber's buffer: bounded, in order, and exact about its room when offered to from several threads. */
class SubscriberBufferTest {

    @Test
    void holdsUpToItsCapacityInOrderAndFreesRoomAsItIsPolled() {
        var buffer = new SubscriberBuffer<Integer>(3);

        assertThat(List.of(buffer.offer(1), buffer.offer(2), buffer.offer(3), buffer.offer(4)))
                .containsExactly(true, true, true, false);
        assertThat(buffer).hasSize(3).containsExactly(1, 2, 3);
        assertThat(buffer.peek()).isEqualTo(1);
        assertThat(buffer.poll()).isEqualTo(1);
        assertThat(buffer.offer(5)).isTrue();
        assertThat(buffer.offer(6)).isFalse();
        assertThat(List.of(buffer.poll(), buffer.poll(), buffer.poll())).containsExactly(2, 3, 5);
        assertThat(buffer.poll()).isNull();
        assertThat(buffer).isEmpty();
    }

    @Test
    void itsEventsCannotBeRemovedBehindItsCount() {
        var buffer = new SubscriberBuffer<Integer>(2);
        buffer.offer(1);

        assertThatThrownBy(() -> buffer.iterator().remove()).isInstanceOf(RuntimeException.class);
        buffer.clear();
        assertThat(List.of(buffer.offer(2), buffer.offer(3), buffer.offer(4))).containsExactly(true, true, false);
    }

    /** Writers racing for the last room of a buffer nobody reads: exactly its capacity is accepted. */
    @Test
    void racingOffersTakeExactlyTheRoomThereIs() throws Exception {
        var buffer = new SubscriberBuffer<Integer>(64);

        int accepted = offerFromFourThreads(buffer, offered -> offered < 5_000, () -> { });

        assertThat(accepted).isEqualTo(64);
        int held = 0;
        while (buffer.poll() != null) {
            held++;
        }
        assertThat(held).isEqualTo(64);
    }

    /**
     * Writers race a reader: every accepted event is read once. The writers go on until the reader has read
     * well over the buffer's room while they wrote, however the threads are scheduled (on a busy machine the
     * writers could otherwise be done before the reader's first poll).
     */
    @Test
    void noAcceptedEventIsLostWhileItIsRead() throws Exception {
        var buffer = new SubscriberBuffer<Integer>(64);
        var read = new AtomicInteger();

        int accepted = offerFromFourThreads(buffer, offered -> offered < 20_000 || read.get() <= 1_000, () -> {
            if (buffer.poll() != null) {
                read.incrementAndGet();
            }
        });
        while (buffer.poll() != null) {
            read.incrementAndGet();
        }

        assertThat(read.get()).isEqualTo(accepted).isGreaterThan(1_000);
    }

    /**
     * Four threads offer events at once, each while {@code more} holds for the number it has offered, and
     * this one runs {@code meanwhile}; how many were accepted.
     */
    private static int offerFromFourThreads(SubscriberBuffer<Integer> buffer, IntPredicate more, Runnable meanwhile)
            throws Exception {
        var accepted = new AtomicInteger();
        var start = new CountDownLatch(1);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                running.add(writers.submit(() -> {
                    start.await();
                    for (int i = 0; more.test(i); i++) {
                        if (buffer.offer(i)) {
                            accepted.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            while (!running.stream().allMatch(Future::isDone)) {
                meanwhile.run();
            }
            for (Future<?> writer : running) {
                writer.get();
            }
            return accepted.get();
        } finally {
            writers.shutdownNow();
        }
    }
}
