package io.issuegraph.database;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;

/**
 * A scheduled job that needs the database and carries on through an outage: one WARN when the database
 * cannot be reached, one INFO when it is back, and nothing in between, instead of a stack trace on
 * every run. The job keeps its state (it simply did not run); any other failure propagates as before.
 */
public final class OutageTolerantJob implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(OutageTolerantJob.class);

    private final String name;
    private final Runnable job;
    private final AtomicBoolean waiting = new AtomicBoolean();

    public OutageTolerantJob(String name, Runnable job) {
        this.name = name;
        this.job = job;
    }

    @Override
    public void run() {
        try {
            job.run();
        } catch (RuntimeException failure) {
            if (!DatabaseFailures.isUnavailable(failure)) {
                throw failure;
            }
            if (waiting.compareAndSet(false, true)) {
                log.warn("{} waits for the database, which cannot be reached ({}); it runs again once the database "
                        + "is back.", name, NestedExceptionUtils.getMostSpecificCause(failure).getMessage());
            }
            return;
        }
        if (waiting.compareAndSet(true, false)) {
            log.info("{} runs again: the database is back.", name);
        }
    }
}
