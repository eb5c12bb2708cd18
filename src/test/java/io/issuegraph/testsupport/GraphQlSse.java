package io.issuegraph.testsupport;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A GraphQL-over-SSE client ("distinct connections mode", as Spring for GraphQL serves it): a POST with
 * {@code Accept: text/event-stream}, whose {@code next} events are read as they arrive, as
 * {@code curl -N} would show them.
 */
public final class GraphQlSse implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile Stream<String> lines;

    private GraphQlSse(int port, String token, String body) {
        var request = GraphQlHttp.request(port, "/graphql").header("Content-Type", "application/json")
                .header("Accept", "text/event-stream").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        response = java.net.http.HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(answer -> daemon(() -> {
            lines = answer.body();
            String event = null;
            try {
                for (var lines = answer.body().iterator(); lines.hasNext();) {
                    String line = lines.next();
                    if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("data:") && "next".equals(event)) {
                        events.add(JSON.readTree(line.substring(5).strip()));
                    }
                }
            } catch (java.io.UncheckedIOException closedByTheTest) {
                // close() cancels the exchange
            }
            ended.complete(null);
        }));
    }

    private static void daemon(Runnable reader) {
        var thread = new Thread(reader, "sse-reader");
        thread.setDaemon(true);
        thread.start();
    }

    public static GraphQlSse subscribe(int port, String token, String document, Map<String, Object> variables) {
        return new GraphQlSse(port, token, JSON.writeValueAsString(Map.of("query", document, "variables", variables)));
    }

    public int status() {
        return response.join().statusCode();
    }

    /** The next {@code next} event's payload ({@code {data}} or {@code {errors}}), or null within the wait. */
    public JsonNode next(Duration wait) {
        try {
            return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Whether the server ended the stream within the wait. */
    public boolean ended(Duration wait) {
        try {
            ended.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception stillOpen) {
            return false;
        }
    }

    /** Closes the stream's connection, as a client that goes away does. */
    @Override
    public void close() {
        response.cancel(true);
        Stream<String> open = lines;
        if (open != null) {
            open.close();
        }
    }
}
