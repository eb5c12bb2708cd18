package io.issuegraph.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Plain HTTP to a server under test, for what testers hide: status codes and headers. */
public final class GraphQlHttp {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private GraphQlHttp() {
    }

    /** POST /graphql with a JSON body, and the bearer token when not null. */
    public static HttpResponse<String> post(int port, String body, String bearerToken) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return send(request.build());
    }

    public static HttpResponse<String> get(int port, String path) {
        return get(port, path, null);
    }

    /** GET with the bearer token when not null. */
    public static HttpResponse<String> get(int port, String path, String bearerToken) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return send(request.build());
    }

    /** The scrape password every server under test has (issuegraph.metrics.scrape-password). */
    public static final String SCRAPE_PASSWORD = "test-scrape-password-0123456789";

    /** GET /actuator/prometheus with the scrape credential. */
    public static HttpResponse<String> metrics(int port) {
        return send(request(port, "/actuator/prometheus").header("Authorization", "Basic " + java.util.Base64.getEncoder()
                .encodeToString(("prometheus:" + SCRAPE_PASSWORD).getBytes(StandardCharsets.UTF_8))).GET().build());
    }

    /**
     * The status line and headers of a request sent with the given {@code Host} header, which the JDK's
     * client will not send; so over a plain socket.
     */
    public static String headWithHost(int port, String method, String path, String host) {
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write((method + " " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return response.substring(0, Math.max(0, response.indexOf("\r\n\r\n")));
        } catch (IOException failed) {
            throw new IllegalStateException(failed);
        }
    }

    /** A response's status line and headers, read byte by byte so that nothing after them is read. */
    public static String head(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            head.write(next);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** The JSON body of a GraphQL request for a document without variables. */
    public static String query(String document) {
        return "{\"query\":\"" + document.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    /** A request to a path of the server under test, for the method and headers a test needs. */
    public static HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            try {
                return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException stale) {
                // A pooled connection the server closed after its last answer (a refusal that ends with
                // Connection: close) and the client reused before it noticed: the request never reached the
                // server, so it is sent once more, on a new connection. A server that drops the request itself
                // fails the second time too.
                if (stale.getMessage() == null || !stale.getMessage().contains("received no bytes")) {
                    throw stale;
                }
                return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            }
        } catch (IOException | InterruptedException failed) {
            throw new IllegalStateException(failed);
        }
    }
}
