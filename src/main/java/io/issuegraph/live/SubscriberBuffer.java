package io.issuegraph.live;

import java.util.AbstractQueue;
import java.util.Collections;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A subscriber's buffer of events (docs/live-updates.md#slow-clients): bounded, taking room only for the events
 * it holds, and without locks. The outbox's reader offers and the subscriber's delivery thread polls; nobody
 * waits on it, so a {@code LinkedBlockingQueue}'s two locks and the wake-up it signals on every offer were
 * paid for nothing (bench/RESULTS.md, 2026-12-07, evening). A full buffer refuses the event, which ends the
 * subscriber's stream ({@code TOO_SLOW}).
 */
final class SubscriberBuffer<E> extends AbstractQueue<E> {

    private final int capacity;
    private final ConcurrentLinkedQueue<E> events = new ConcurrentLinkedQueue<>();
    /** Events held, and room taken by offers under way: never more than the capacity. */
    private final AtomicInteger taken = new AtomicInteger();

    SubscriberBuffer(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public boolean offer(E event) {
        if (taken.incrementAndGet() > capacity) {
            taken.decrementAndGet();
            return false;
        }
        events.offer(event);
        return true;
    }

    @Override
    public E poll() {
        E event = events.poll();
        if (event != null) {
            taken.decrementAndGet();
        }
        return event;
    }

    @Override
    public E peek() {
        return events.peek();
    }

    @Override
    public boolean isEmpty() {
        return events.isEmpty();
    }

    /** Counting the offers under way (a queue of nodes would be walked to count them). */
    @Override
    public int size() {
        return Math.min(taken.get(), capacity);
    }

    /** The events held, oldest first; removing through it is not supported (it would lose count of the room). */
    @Override
    public Iterator<E> iterator() {
        return Collections.unmodifiableCollection(events).iterator();
    }
}
