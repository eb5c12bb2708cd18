package io.issuegraph.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * The {@code subscribers} workload's clients: {@code count} graphql-ws connections, spread over the
 * users' tokens, each with {@code perConnection} subscriptions (default 1) to every issue event. Prints
 * {@code READY} once every connection is acknowledged, and {@code LIVE} once every subscription has
 * received an event (so the server holds them all: graphql-ws does not acknowledge a subscribe); then,
 * for {@code seconds}, records the delay from each created issue's {@code createdAt} (set by the server
 * just before its commit) to its arrival, but for the events of the first {@code warmup} seconds, which
 * it receives without recording (bench/run.sh's subscribed warm-up). Ends with
 * {@code RESULT subscribers=… events=… p50_ms=… p99_ms=… max_ms=…}.
 *
 * <pre>subscribers PORT TOKENS_FILE COUNT SECONDS [PER_CONNECTION [WARMUP]]</pre>
 */
final class Subscribers {

    private static final Pattern CREATED_AT = Pattern.compile("\"kind\":\"CREATED\".*\"createdAt\":\"([^\"]+)\"");
    private static final String SUBSCRIBE = "{\"id\":\"%d\",\"type\":\"subscribe\",\"payload\":{\"query\":"
            + "\"subscription { issueEvents { kind issueId issue { createdAt } } }\"}}";
    private static final Pattern ID = Pattern.compile("\"id\":\"(\\d+)\"");

    private Subscribers() {
    }

    /** One socket's messages, one after another: a WebSocket refuses a send while the previous one is under way. */
    private static final class Sends {
        private CompletableFuture<WebSocket> last = CompletableFuture.completedFuture(null);

        synchronized void send(WebSocket socket, String message) {
            last = last.thenCompose(previous -> socket.sendText(message, true)).whenComplete((sent, failure) -> {
                if (failure != null) {
                    System.err.println("send failed: " + failure);
                }
            });
        }
    }

    static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        List<String> tokens = Files.readAllLines(Path.of(args[1])).stream().map(line -> line.split(" ")[1]).toList();
        int count = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int perConnection = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        var live = new CountDownLatch(count * perConnection);
        var delays = new ConcurrentHistogram(3);
        var events = new AtomicLong();
        var ready = new CountDownLatch(count);
        var recording = new java.util.concurrent.atomic.AtomicBoolean();
        HttpClient http = HttpClient.newHttpClient();
        List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String token = tokens.get(i % tokens.size());
            var sends = new Sends();
            WebSocket socket = http.newWebSocketBuilder().subprotocols("graphql-transport-ws")
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/graphql"), new WebSocket.Listener() {
                        private final StringBuilder text = new StringBuilder();
                        private final BitSet heard = new BitSet();

                        @Override
                        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                            text.append(data);
                            if (last) {
                                String message = text.toString();
                                text.setLength(0);
                                Matcher id = ID.matcher(message);
                                if (message.contains("\"next\"") && id.find() && !heard.get(Integer.parseInt(id.group(1)))) {
                                    heard.set(Integer.parseInt(id.group(1)));
                                    live.countDown();
                                }
                                if (message.contains("\"connection_ack\"")) {
                                    for (int n = 1; n <= perConnection; n++) {
                                        sends.send(socket, SUBSCRIBE.formatted(n));
                                    }
                                    ready.countDown();
                                } else if (message.contains("\"ping\"")) {
                                    sends.send(socket, "{\"type\":\"pong\"}");
                                } else if (recording.get()) {
                                    Matcher created = CREATED_AT.matcher(message);
                                    if (created.find()) {
                                        long delay = Instant.now().toEpochMilli() - Instant.parse(created.group(1)).toEpochMilli();
                                        delays.recordValue(Math.max(0, delay));
                                        events.incrementAndGet();
                                    }
                                }
                            }
                            socket.request(1);
                            return null;
                        }
                    }).orTimeout(60, TimeUnit.SECONDS).join(); // a server that cannot take more never answers
            sockets.add(socket);
            sends.send(socket, "{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer " + token + "\"}}");
        }
        if (!ready.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException((count - ready.getCount()) + " of " + count + " connections acknowledged");
        }
        System.out.println("READY");
        new Thread(() -> {
            try {
                live.await();
                System.out.println("LIVE");
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }).start();
        Thread.sleep(warmup * 1_000L);
        recording.set(true);
        Thread.sleep((seconds - warmup) * 1_000L);
        recording.set(false);
        System.out.printf("RESULT subscribers=%d events=%d p50_ms=%d p99_ms=%d max_ms=%d%n", count, events.get(),
                delays.getValueAtPercentile(50), delays.getValueAtPercentile(99), delays.getMaxValue());
        sockets.forEach(socket -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
    }
}
