package io.issuegraph;

import java.time.Duration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Background jobs, each on a thread of its own: one that waits (on a hanging GoTrue, a slow database)
 * never holds up another, which Spring's shared one-thread scheduler would. A failing run is logged and
 * the job runs again at its next time (the scheduler's error handler).
 */
public final class JobThreads {

    private JobThreads() {
    }

    /** Runs the job every {@code interval} after the end of its last run, until the scheduler is shut down. */
    public static ThreadPoolTaskScheduler every(Duration interval, String name, Runnable job) {
        var scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix(name + "-");
        scheduler.setWaitForTasksToCompleteOnShutdown(false);
        scheduler.initialize();
        scheduler.scheduleWithFixedDelay(job, interval);
        return scheduler;
    }
}
