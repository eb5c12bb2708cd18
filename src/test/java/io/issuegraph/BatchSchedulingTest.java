package io.issuegraph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

/**
 * {@link BatchScheduling} on this JVM's own threads, read back from Linux ({@code /proc/self/task/<tid>/sched};
 * policy 0 is SCHED_OTHER, 3 SCHED_BATCH). Each test starts from, and leaves, every thread under SCHED_OTHER.
 */
@ExtendWith(OutputCaptureExtension.class)
class BatchSchedulingTest {

    private static final String SCHED_OTHER = "0";
    private static final String SCHED_BATCH = "3";
    private static final String PID = Long.toString(ProcessHandle.current().pid());

    @BeforeEach
    @AfterEach
    void everyThreadUnderTheDefaultPolicy() {
        assertThat(runs("chrt", "--all-tasks", "--other", "--pid", "0", PID)).isTrue();
        assertThat(policies().values()).containsOnly(SCHED_OTHER);
    }

    @Test
    void byDefaultEveryThreadAndEveryThreadStartedLaterRunsUnderBatch(CapturedOutput output) throws Exception {
        new BatchScheduling().onApplicationEvent(environmentPrepared(new MockEnvironment()));

        assertThat(policies()).hasSizeGreaterThan(1).allSatisfy((thread, policy) -> assertThat(policy).isEqualTo(SCHED_BATCH));
        AtomicReference<String> later = new AtomicReference<>();
        Thread thread = new Thread(() -> later.set(policy(Path.of("/proc/thread-self/sched")).orElseThrow()));
        thread.start();
        thread.join();
        assertThat(later).hasValue(SCHED_BATCH);
        assertThat(output).doesNotContain("WARN");
    }

    @Test
    void normalLeavesThePolicyAsItWas(CapturedOutput output) {
        new BatchScheduling().onApplicationEvent(environmentPrepared(
                new MockEnvironment().withProperty("issuegraph.scheduling.policy", "normal")));

        assertThat(policies().values()).containsOnly(SCHED_OTHER);
        assertThat(output).doesNotContain("WARN");
    }

    @Test
    void withoutChrtTheApplicationStartsAndSaysWhyOnce(CapturedOutput output) {
        new BatchScheduling(List.of("/nonexistent/chrt")).onApplicationEvent(environmentPrepared(new MockEnvironment()));

        assertThat(policies().values()).containsOnly(SCHED_OTHER);
        assertThat(output.toString().lines().filter(line -> line.contains("WARN"))).singleElement().asString()
                .contains("not SCHED_BATCH (/nonexistent/chrt (util-linux) not found)", "docs/operations.md#scheduling");
    }

    @Test
    void aRefusalIsReportedWithChrtsReason(CapturedOutput output) {
        new BatchScheduling(List.of("chrt", "--batch", "--pid", "0", "2147483647"))
                .onApplicationEvent(environmentPrepared(new MockEnvironment()));

        assertThat(policies().values()).containsOnly(SCHED_OTHER);
        assertThat(output.toString().lines().filter(line -> line.contains("WARN"))).singleElement().asString()
                .contains("2147483647", "No such process");
    }

    @Test
    void aThreadThatEndedWhileChrtWentThroughThemIsNotARefusal(@TempDir Path directory, CapturedOutput output) {
        Path tried = directory.resolve("tried");
        // fails as chrt does when a thread ends under it, the first time only
        new BatchScheduling(List.of("sh", "-c", "test -e '" + tried + "' || { touch '" + tried
                + "'; echo \"chrt: failed to set tid 1234's policy: No such process\"; exit 1; }"))
                .onApplicationEvent(environmentPrepared(new MockEnvironment()));

        assertThat(tried).exists();
        assertThat(output).doesNotContain("WARN");
    }

    @Test
    void anUnknownPolicyStopsTheStart() {
        var environment = new MockEnvironment().withProperty("issuegraph.scheduling.policy", "fast");

        assertThatThrownBy(() -> new BatchScheduling().onApplicationEvent(environmentPrepared(environment)))
                .isInstanceOf(BindException.class).hasMessageContaining("issuegraph.scheduling.policy");
        assertThat(policies().values()).containsOnly(SCHED_OTHER);
    }

    private static ApplicationEnvironmentPreparedEvent environmentPrepared(MockEnvironment environment) {
        return new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(), new SpringApplication(),
                new String[0], environment);
    }

    /** Thread id → its scheduling policy, for every thread of this JVM (one that ended meanwhile left out). */
    private static Map<String, String> policies() {
        Map<String, String> policies = new TreeMap<>();
        try (Stream<Path> threads = Files.list(Path.of("/proc/self/task"))) {
            threads.forEach(thread -> policy(thread.resolve("sched"))
                    .ifPresent(policy -> policies.put(thread.getFileName().toString(), policy)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return policies;
    }

    private static Optional<String> policy(Path sched) {
        try (Stream<String> lines = Files.lines(sched)) {
            return Optional.of(lines.filter(line -> line.startsWith("policy")).findFirst().orElseThrow()
                    .replaceAll(".*:\\s*", ""));
        } catch (NoSuchFileException ended) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean runs(String... command) {
        try {
            return new ProcessBuilder(command).inheritIO().start().waitFor() == 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
