package io.issuegraph.identity.standin;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.issuegraph.identity.standin.GoTrueStandIn.RecordedRequest;
import io.issuegraph.identity.standin.StandInRoutes.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/** The stand-in's HTTP side: listens on 127.0.0.1, records every request, sends the answers as JSON. */
final class StandInServer {

    // netlify/gotrue's api.go: cors.Options{AllowedMethods, AllowedHeaders}; rs/cors adds Origin
    private static final Set<String> CORS_METHODS = Set.of("GET", "POST", "PUT", "DELETE");
    private static final Set<String> CORS_HEADERS =
            Set.of("accept", "authorization", "content-type", "x-jwt-aud", "x-use-cookie", "origin");

    private final Function<RecordedRequest, Response> responder;
    private final JsonMapper json;
    private final ExecutorService executor;
    private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final int port;
    private HttpServer server; // null while down; guarded by this

    StandInServer(int listenPort, Function<RecordedRequest, Response> responder, JsonMapper json) {
        this.responder = responder;
        this.json = json;
        AtomicInteger threads = new AtomicInteger();
        // a cached pool, so one slow exchange never holds up the others
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "gotrue-stand-in-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.server = bind(listenPort);
        this.port = server.getAddress().getPort();
    }

    int port() {
        return port;
    }

    List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    void clearRequests() {
        requests.clear();
    }

    synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    synchronized void up() {
        if (server == null) {
            server = bind(port);
        }
    }

    void close() {
        down();
        executor.shutdownNow();
    }

    private HttpServer bind(int listenPort) {
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), listenPort), 0);
            created.createContext("/", this::handle);
            created.setExecutor(executor);
            created.start();
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + listenPort, e);
        }
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(),
                    exchange.getRequestURI().toString(), headersOf(exchange),
                    new String(exchange.getRequestBody().readAllBytes(), UTF_8));
            requests.add(request);
            send(exchange, responder.apply(request));
        } catch (IOException e) {
            // the client went away, or down() closed the connection: nobody to answer
        }
    }

    private void send(HttpExchange exchange, Response response) throws IOException {
        cors(exchange);
        var headers = exchange.getResponseHeaders();
        if (response.body() == null) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        byte[] bytes = json.writeValueAsBytes(response.body());
        headers.set("Content-Type", "application/json");
        exchange.sendResponseHeaders(response.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /**
     * CORS as netlify/gotrue answers it (rs/cors, any origin, with credentials, only these methods and
     * headers): a preflight that asks for another header, such as the X-Nf-Client that
     * netlify-identity-widget sends on every call, gets no CORS headers, so a browser page on another
     * origin cannot use the widget; on Netlify the page calls its own origin's /.netlify/identity.
     */
    private static void cors(HttpExchange exchange) {
        var request = exchange.getRequestHeaders();
        var headers = exchange.getResponseHeaders();
        String origin = request.getFirst("Origin");
        headers.add("Vary", "Origin");
        if (origin == null) {
            return;
        }
        String method = request.getFirst("Access-Control-Request-Method");
        if (exchange.getRequestMethod().equals("OPTIONS") && method != null) {
            String asked = Objects.requireNonNullElse(request.getFirst("Access-Control-Request-Headers"), "");
            boolean allowed = CORS_METHODS.contains(method.toUpperCase(Locale.ROOT)) && Arrays.stream(asked.split(","))
                    .map(h -> h.trim().toLowerCase(Locale.ROOT)).allMatch(h -> h.isEmpty() || CORS_HEADERS.contains(h));
            if (!allowed) {
                return;
            }
            headers.set("Access-Control-Allow-Methods", method.toUpperCase(Locale.ROOT));
            if (!asked.isBlank()) {
                headers.set("Access-Control-Allow-Headers", asked);
            }
        }
        headers.set("Access-Control-Allow-Origin", "*");
        headers.set("Access-Control-Allow-Credentials", "true");
    }

    private static Map<String, String> headersOf(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
        return Collections.unmodifiableMap(headers);
    }
}
