package io.issuegraph.database;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.util.ConcurrentBag.IBagStateListener;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gets the pool its connections back within a fraction of a second of the database's return.
 * <p>
 * While the database is down, HikariCP's connection adder sleeps between attempts, doubling the sleep
 * up to 5 s, and nothing configurable shortens it: requests would keep failing for up to 5 s after the
 * database is back. So, while requests wait and no connection is idle, this interrupts the pool's
 * threads every {@value #CHECK_MILLIS} ms and starts the adder's next round at once. The adder treats an
 * interrupt as the end of its round (it checks {@code Thread.interrupted()} before each attempt), and
 * HikariCP itself would start the next round, back at a 10 ms sleep, only when the next request asks for
 * a connection: after an outage that is often when the waiting ones give up, up to 2 s later
 * (docs/operations.md#when-the-database-fails). The pool's other threads are idle or closing connections,
 * which an interrupt does not disturb. While the pool is merely busy, the adder is either done (the pool is
 * full) or not sleeping long, so this costs nothing.
 */
final class ConnectionPoolRecovery implements ThreadFactory, AutoCloseable {

    static final long CHECK_MILLIS = 100;

    private final AtomicInteger created = new AtomicInteger();
    private final Set<Thread> poolThreads = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "connection-pool-recovery");
        thread.setDaemon(true);
        return thread;
    });

    /** Takes over the pool's threads (before the pool starts) and begins watching it. */
    void watch(HikariDataSource pool) {
        pool.setThreadFactory(this);
        checker.scheduleWithFixedDelay(() -> check(pool.getHikariPoolMXBean()), CHECK_MILLIS, CHECK_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, "connection-pool-" + created.incrementAndGet());
        thread.setDaemon(true);
        poolThreads.add(thread);
        return thread;
    }

    private void check(HikariPoolMXBean pool) {
        poolThreads.removeIf(thread -> !thread.isAlive());
        int waiting = pool == null ? 0 : pool.getThreadsAwaitingConnection();
        if (waiting > 0 && pool.getIdleConnections() == 0) {
            poolThreads.forEach(Thread::interrupt);
            // The pool is its own MXBean; addBagItem is what a request that finds no connection calls.
            if (pool instanceof IBagStateListener adder) {
                adder.addBagItem(waiting);
            }
        }
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }
}
