package io.issuegraph.database;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
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
 * threads every {@value #CHECK_MILLIS} ms. The adder treats an interrupt as the end of its round (it checks
 * {@code Thread.interrupted()} before each attempt) and the next round starts over at 10 ms; the pool's
 * other threads are idle or closing connections, which an interrupt does not disturb. While the pool is
 * merely busy, the adder is either done (the pool is full) or not sleeping long, so this costs nothing.
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
        if (pool != null && pool.getIdleConnections() == 0 && pool.getThreadsAwaitingConnection() > 0) {
            poolThreads.forEach(Thread::interrupt);
        }
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }
}
