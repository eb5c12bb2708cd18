package io.issuegraph.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database floor: the workloads' SQL over JDBC (HikariCP, Connector/J) from as many client threads
 * as wrk has connections, no HTTP. Prints one {@code RESULT} line, the format of bench/lua/workload.lua,
 * with the CPU time the client used.
 * <p>
 * Arguments: {@code key=value}: url, username, password, pool (HikariCP size), workload (list, deep,
 * filtered, count, create, mixed, search, changed), connections, warmup and duration (seconds), after (the deep
 * page's cursor), users, vocabulary (bench/vocabulary.txt: search words are a component and a problem from it).
 */
final class DbFloor {

    private DbFloor() {
    }

    static void main(String[] args) throws InterruptedException, IOException {
        Map<String, String> options = Stream.of(args).map(arg -> arg.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
        var config = new HikariConfig();
        config.setJdbcUrl(options.get("url"));
        config.setUsername(options.get("username"));
        config.setPassword(options.get("password"));
        config.setMaximumPoolSize(Integer.parseInt(options.getOrDefault("pool", "10")));
        try (var dataSource = new HikariDataSource(config)) {
            var queries = new Queries(JdbcClient.create(dataSource));
            String workload = options.get("workload");
            String after = options.get("after");
            int users = Integer.parseInt(options.getOrDefault("users", "100"));
            Runnable operation = switch (workload) {
                case "list" -> () -> queries.list(null);
                case "deep" -> () -> queries.list(after);
                case "filtered" -> () -> queries.filtered(randomUser(users).id());
                case "count" -> queries::count;
                case "search" -> {
                    SearchWords words = SearchWords.from(Path.of(options.get("vocabulary")));
                    yield () -> queries.search(words.random());
                }
                case "changed" -> queries::changed;
                case "create" -> () -> queries.create(randomUser(users), "bench create");
                case "mixed" -> () -> {
                    if (ThreadLocalRandom.current().nextInt(10) == 0) {
                        queries.create(randomUser(users), "bench create");
                    } else {
                        queries.list(null);
                    }
                };
                default -> throw new IllegalArgumentException("unknown workload " + workload);
            };
            run(operation, Integer.parseInt(options.get("connections")), Integer.parseInt(options.get("warmup")),
                    Integer.parseInt(options.get("duration")));
        }
    }

    private static BenchUser randomUser(int users) {
        return new BenchUser(1 + ThreadLocalRandom.current().nextInt(users));
    }

    private static void run(Runnable operation, int connections, int warmupSeconds, int durationSeconds)
            throws InterruptedException {
        var recorder = new Recorder(3);
        var errors = new AtomicLong();
        var running = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            var client = new Thread(() -> {
                while (running.get()) {
                    long start = System.nanoTime();
                    try {
                        operation.run();
                        recorder.recordValue((System.nanoTime() - start) / 1_000);
                    } catch (RuntimeException failed) {
                        errors.incrementAndGet();
                    }
                }
            });
            client.start();
            clients.add(client);
        }
        Thread.sleep(warmupSeconds * 1_000L);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        recorder.reset();
        errors.set(0);
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        Thread.sleep(durationSeconds * 1_000L);
        Histogram measured = recorder.getIntervalHistogram();
        long failed = errors.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
        running.set(false);
        for (Thread client : clients) {
            client.join();
        }
        System.out.printf("RESULT requests=%d seconds=%.1f rps=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d cpu_s=%.1f"
                + " per_cpu_s=%.0f%n", measured.getTotalCount(), seconds, measured.getTotalCount() / seconds,
                measured.getValueAtPercentile(50) / 1_000.0, measured.getValueAtPercentile(99) / 1_000.0, failed,
                cpuSeconds, measured.getTotalCount() / cpuSeconds);
    }
}
