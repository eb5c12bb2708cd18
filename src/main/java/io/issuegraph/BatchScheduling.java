package io.issuegraph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;

/**
 * Puts every thread of the process under Linux's SCHED_BATCH policy as the application starts, unless
 * {@code ISSUEGRAPH_SCHEDULING_POLICY=normal}. A thread woken on a busy core (Tomcat's poller, the JDK's I/O
 * poller, the carrier of the virtual threads) then waits until the running one blocks or has had its slice,
 * instead of preempting it at once: on one core, a list request went from twelve context switches to fewer
 * than one, and a third more of them are served per CPU-second (docs/operations.md#scheduling).
 * <p>
 * Java has no call for it, so util-linux's {@code chrt} sets it, on every thread there is; a thread started
 * later inherits it from the thread that starts it. This runs on the prepared environment (registered in
 * META-INF/spring.factories): after logging is set up, before the web server and the pools start threads.
 * Where it cannot be set, the server runs as it would have, and says so once.
 */
class BatchScheduling implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private static final Logger log = LoggerFactory.getLogger(BatchScheduling.class);
    private static final Path THREADS = Path.of("/proc/self/task");
    private static final long TIMEOUT_SECONDS = 10;
    private static final int ROUNDS = 3;

    private final List<String> command;

    BatchScheduling() {
        this(List.of("chrt", "--all-tasks", "--batch", "--pid", "0", Long.toString(ProcessHandle.current().pid())));
    }

    /** With another command that sets the policy: for tests. */
    BatchScheduling(List<String> command) {
        this.command = command;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        SchedulingProperties scheduling = Binder.get(event.getEnvironment())
                .bindOrCreate("issuegraph.scheduling", SchedulingProperties.class);
        if (scheduling.policy() == SchedulingProperties.Policy.BATCH && Files.isDirectory(THREADS)) {
            String refusal = setBatch();
            if (refusal != null) {
                log.warn("The threads run under the default scheduling policy, not SCHED_BATCH ({}): up to a third "
                        + "fewer requests per CPU-second on a busy core; see docs/operations.md#scheduling", refusal);
            }
        }
    }

    /**
     * Runs the command, and again when it failed: chrt sets the threads one after another and stops at one that
     * ended meanwhile, which the next round no longer finds. {@code null} when it succeeded, otherwise why not.
     */
    private String setBatch() {
        String refusal = null;
        for (int round = 0; round < ROUNDS && !Thread.currentThread().isInterrupted(); round++) {
            try {
                refusal = run(command);
            } catch (IOException notThere) {
                return command.get(0) + " (util-linux) not found";
            }
            if (refusal == null) {
                return null;
            }
        }
        return refusal;
    }

    /** Runs the command once; {@code null} when it succeeded, otherwise what it said, in a line. */
    private static String run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return command.get(0) + " did not finish within " + TIMEOUT_SECONDS + " s";
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return "interrupted";
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return process.exitValue() == 0 ? null : output.lines().findFirst().orElse(command.get(0) + " failed");
    }
}
