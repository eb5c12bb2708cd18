package io.issuegraph.example.service;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The report against a scripted server: GoTrue's /token and issuegraph's /graphql answering 429 and 503
 * with Retry-After before the real pages.
 */
class IssueReportTest {

    private HttpServer server;
    private final List<String> tokenForms = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<Long> graphQlTimes = new CopyOnWriteArrayList<>();
    private final AtomicInteger graphQlCalls = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger tokens = new AtomicInteger();
        server.createContext("/identity/token", exchange -> {
            tokenForms.add(new String(exchange.getRequestBody().readAllBytes(), UTF_8));
            // expires at once: every later request must refresh first
            respond(exchange, 200, null, """
                    {"access_token":"access-%1$d","token_type":"bearer","expires_in":30,"refresh_token":"refresh-%1$d"}"""
                    .formatted(tokens.incrementAndGet()));
        });
        server.createContext("/graphql", exchange -> {
            graphQlTimes.add(System.nanoTime());
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
            switch (graphQlCalls.incrementAndGet()) {
                case 1 -> respond(exchange, 429, "1", "{\"errors\":[{\"message\":\"slow down\"}]}");
                case 2 -> respond(exchange, 503, "1", "{\"errors\":[{\"message\":\"unavailable\"}]}");
                default -> respond(exchange, 200, null, body.contains("\"after\":\"c1\"") ? PAGE_2 : PAGE_1);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void waitsAsToldOn429And503ThenPagesThroughWithARefreshedToken() {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        ServiceSettings settings = new ServiceSettings(base.resolve("/graphql"), base.resolve("/identity"),
                "service@example.com", "service-password", "DONE", 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int count = new IssueReport(settings, Clock.systemUTC()).printAll(new PrintStream(out, true, UTF_8));

        assertThat(count).isEqualTo(2);
        assertThat(out.toString(UTF_8).lines().toList())
                .containsExactly("2026-11-27T10:00:02.000Z  DONE         Second  (Ann)",
                        "2026-11-27T10:00:01.000Z  DONE         First  (Bob)");
        assertThat(graphQlCalls).hasValue(4);
        assertThat(Duration.ofNanos(graphQlTimes.get(1) - graphQlTimes.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(Duration.ofNanos(graphQlTimes.get(2) - graphQlTimes.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        // a password grant, then (30 s lifetime < 60 s margin) a refresh before each later request
        assertThat(tokenForms.get(0)).contains("grant_type=password", "username=service%40example.com");
        assertThat(tokenForms.subList(1, tokenForms.size()))
                .allSatisfy(form -> assertThat(form).contains("grant_type=refresh_token"));
        assertThat(authorizations).allSatisfy(header -> assertThat(header).startsWith("Bearer access-"));
        assertThat(authorizations.get(3)).isNotEqualTo(authorizations.get(0));
    }

    private static final String PAGE_1 = """
            {"data":{"issues":{"totalCount":2,"edges":[{"node":{"id":"2","title":"Second","status":"DONE",
            "createdAt":"2026-11-27T10:00:02.000Z","assignee":{"name":"Ann","email":null}}}],
            "pageInfo":{"hasNextPage":true,"endCursor":"c1"}}}}""";

    private static final String PAGE_2 = """
            {"data":{"issues":{"totalCount":2,"edges":[{"node":{"id":"1","title":"First","status":"DONE",
            "createdAt":"2026-11-27T10:00:01.000Z","assignee":{"name":"Bob","email":null}}}],
            "pageInfo":{"hasNextPage":false,"endCursor":"c2"}}}}""";

    private static void respond(HttpExchange exchange, int status, String retryAfter, String body)
            throws IOException {
        byte[] bytes = body.getBytes(UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
