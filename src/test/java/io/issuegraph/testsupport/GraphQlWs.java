package io.issuegraph.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A graphql-ws client (the protocol of the {@code graphql-ws} library, subprotocol
 * {@code graphql-transport-ws}) on the JDK's WebSocket: what a browser page or a service does, message
 * by message, so that tests see each message and the close code.
 */
public final class GraphQlWs implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final java.util.Set<String> subscriptions = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private GraphQlWs(int port, String origin) {
        this(port, origin, null);
    }

    private GraphQlWs(int port, String origin, String handshakeToken) {
        var builder = HTTP.newWebSocketBuilder().subprotocols("graphql-transport-ws");
        if (origin != null) {
            builder.header("Origin", origin);
        }
        if (handshakeToken != null) {
            builder.header("Authorization", "Bearer " + handshakeToken);
        }
        this.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/graphql"), new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    messages.add(JSON.readTree(text.toString()));
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(-1);
            }
        }).join();
    }

    /**
     * A graphql-ws handshake over a plain socket, with header lines the JDK's client would not send (its
     * extensions, for one): the answer's status line and headers, and nothing after them.
     */
    public static String handshake(Socket socket, int port, String headerLines) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET /graphql HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: graphql-transport-ws\r\n" + headerLines + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return GraphQlHttp.head(socket.getInputStream());
    }

    /** Connects and sends {@code connection_init} with the bearer token (none when null). */
    public static GraphQlWs connect(int port, String token) {
        var client = new GraphQlWs(port, null);
        client.send(Map.of("type", "connection_init", "payload",
                token == null ? Map.of() : Map.of("Authorization", "Bearer " + token)));
        return client;
    }

    /** Connects with a bearer token on the handshake too (a client other than a browser can send one). */
    public static GraphQlWs connect(int port, String token, String handshakeToken) {
        var client = new GraphQlWs(port, null, handshakeToken);
        client.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + token)));
        return client;
    }

    /** Connects from a browser page on this origin, without sending anything. */
    public static GraphQlWs open(int port, String origin) {
        return new GraphQlWs(port, origin);
    }

    /** Waits for {@code connection_ack}. */
    public GraphQlWs acknowledged() {
        JsonNode ack = next(Duration.ofSeconds(10));
        if (ack == null || !"connection_ack".equals(ack.path("type").asString())) {
            throw new AssertionError("no connection_ack but " + ack + ", closed with " + closed.getNow(null));
        }
        return this;
    }

    public void subscribe(String id, String document, Map<String, Object> variables) {
        subscriptions.add(id);
        send(Map.of("id", id, "type", "subscribe", "payload", Map.of("query", document, "variables", variables)));
    }

    public void complete(String id) {
        send(Map.of("id", id, "type", "complete"));
    }

    private void send(Map<String, Object> message) {
        sendText(JSON.writeValueAsString(message));
    }

    /** Sends this text as it is, well-formed or not. */
    public void sendText(String text) {
        socket.sendText(text, true).join();
    }

    /** Sends these bytes as one binary message, which graphql-ws never sends. */
    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** Sends one message in frames of these parts (a fragmented message, as a client may send a long one). */
    public void sendInFrames(String... parts) {
        for (int i = 0; i < parts.length; i++) {
            socket.sendText(parts[i], i == parts.length - 1).join();
        }
    }

    /** The next message (pings are answered and skipped), or null within the wait. */
    public JsonNode next(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (true) {
                JsonNode message = messages.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (message == null || !"ping".equals(message.path("type").asString())) {
                    return message;
                }
                send(Map.of("type", "pong"));
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The messages that come within the wait. */
    public List<JsonNode> drain(Duration wait) {
        List<JsonNode> all = new java.util.ArrayList<>();
        JsonNode message;
        while ((message = next(wait)) != null) {
            all.add(message);
        }
        return all;
    }

    /** The close code the server sent, waiting at most this long; null when still open. */
    public Integer closeCode(Duration wait) {
        try {
            return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception stillOpen) {
            return null;
        }
    }

    /** Drops the connection without a close frame, as a client that vanishes does. */
    public void abort() {
        socket.abort();
    }

    /** Completes its subscriptions first, as a page that navigates away does, then closes. */
    @Override
    public void close() {
        if (!socket.isOutputClosed() && !closed.isDone()) {
            subscriptions.forEach(this::complete);
            next(Duration.ofMillis(100));
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
            closeCode(Duration.ofSeconds(2));
        }
        socket.abort();
    }
}
