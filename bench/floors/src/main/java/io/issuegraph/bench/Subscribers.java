package io.issuegraph.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * The {@code subscribers} workload's clients: {@code count} graphql-ws connections, spread over the
 * users' tokens (ten at most per user, the server's default cap), each subscribed to every issue
 * event. Prints {@code READY} once all are acknowledged; then, for {@code seconds}, records the delay
 * from each created issue's {@code createdAt} (set by the server just before its commit) to its arrival.
 * Ends with {@code RESULT subscribers=… events=… p50_ms=… p99_ms=… max_ms=…}.
 */
final class Subscribers {

    private static final Pattern CREATED_AT = Pattern.compile("\"kind\":\"CREATED\".*\"createdAt\":\"([^\"]+)\"");
    private static final String SUBSCRIBE = "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":"
            + "\"subscription { issueEvents { kind issueId issue { createdAt } } }\"}}";

    private Subscribers() {
    }

    static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        List<String> tokens = Files.readAllLines(Path.of(args[1])).stream().map(line -> line.split(" ")[1]).toList();
        int count = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        var delays = new ConcurrentHistogram(3);
        var events = new AtomicLong();
        var ready = new CountDownLatch(count);
        var recording = new java.util.concurrent.atomic.AtomicBoolean();
        HttpClient http = HttpClient.newHttpClient();
        List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String token = tokens.get(i % tokens.size());
            sockets.add(http.newWebSocketBuilder().subprotocols("graphql-transport-ws")
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/graphql"), new WebSocket.Listener() {
                        private final StringBuilder text = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                            text.append(data);
                            if (last) {
                                String message = text.toString();
                                text.setLength(0);
                                if (message.contains("\"connection_ack\"")) {
                                    socket.sendText(SUBSCRIBE, true);
                                    ready.countDown();
                                } else if (message.contains("\"ping\"")) {
                                    socket.sendText("{\"type\":\"pong\"}", true);
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
                    }).join());
            sockets.get(i).sendText("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer " + token + "\"}}", true);
        }
        if (!ready.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException((count - ready.getCount()) + " of " + count + " subscriptions acknowledged");
        }
        System.out.println("READY");
        recording.set(true);
        Thread.sleep(seconds * 1_000L);
        recording.set(false);
        System.out.printf("RESULT subscribers=%d events=%d p50_ms=%d p99_ms=%d max_ms=%d%n", count, events.get(),
                delays.getValueAtPercentile(50), delays.getValueAtPercentile(99), delays.getMaxValue());
        sockets.forEach(socket -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
    }
}
