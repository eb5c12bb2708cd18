package io.issuegraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.IssuegraphApplication;
import io.issuegraph.testsupport.Fuzz;
import io.issuegraph.testsupport.GraphQlHttp;
import io.issuegraph.testsupport.TestDatabase;
import io.issuegraph.testsupport.TestIdentity;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Fuzzing of the running server with seeded generators ({@link Fuzz}): random and hostile documents,
 * variables, bodies and headers, including the known attack shapes. Whatever is sent, the answer is never
 * a 5xx and never shows a stack trace, a class name or SQL; and the server is healthy afterwards. A
 * failure names the seed that repeats it.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRequestsFuzzTest {

    private static final Pattern LEAK = Pattern.compile(
            "Exception|\\bat [a-z]+\\.[a-z]+\\.|java\\.|javax\\.|jakarta\\.|org\\.springframework|graphql\\.execution"
                    + "|io\\.issuegraph|com\\.mysql|SQLSTATE|SELECT |INSERT |DELETE FROM|syntax to use near",
            Pattern.CASE_INSENSITIVE);
    private static final List<String> FIELDS = List.of("me", "issues", "issue", "id", "title", "status", "edges",
            "node", "cursor", "totalCount", "pageInfo", "assignee", "name", "email", "roles", "__typename",
            "__schema", "__type", "createIssue", "updateIssue", "deleteIssue", "deleteMyAccount", "x");

    private final Fuzz fuzz = Fuzz.seeded(HostileRequestsFuzzTest.class.getSimpleName());
    private ConfigurableApplicationContext server;
    private int port;
    private String token;

    @BeforeAll
    void startServer() {
        var gotrue = TestIdentity.gotrue();
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--issuegraph.identity.url=" + gotrue.url(), "--issuegraph.identity.jwt-secret=" + TestIdentity.JWT_SECRET,
                "--issuegraph.rate-limit.enabled=false", "--spring.datasource.hikari.maximum-pool-size=5"));
        TestDatabase.get().springProperties().forEach((name, value) -> arguments.add("--" + name + "=" + value));
        server = new SpringApplicationBuilder(IssuegraphApplication.class).run(arguments.toArray(String[]::new));
        port = Integer.parseInt(server.getEnvironment().getProperty("local.server.port"));
        token = gotrue.accessToken(gotrue.createUser("fuzz-" + System.nanoTime() + "@example.com",
                "correct horse battery staple", "Fuzzy Fuzz", List.of()));
    }

    @AfterAll
    void theServerIsHealthyAfterwardsThenStops() {
        try {
            assertThat(GraphQlHttp.get(port, "/actuator/health/liveness").statusCode()).isEqualTo(200);
            HttpResponse<String> me = GraphQlHttp.post(port, GraphQlHttp.query("{ me { name } }"), token);
            assertThat(me.body()).contains("\"name\":\"Fuzzy Fuzz\"");
        } finally {
            server.close();
        }
    }

    @Test
    void hostileDocuments() {
        for (int i = 0; i < 1000; i++) {
            String document = document();
            assertSafe(send(json(Map.of("query", document)), "application/json", token), document);
        }
    }

    @Test
    void hostileVariables() {
        for (int i = 0; i < 600; i++) {
            String body = "{\"query\":\"mutation($input: CreateIssueInput!) { createIssue(input: $input) { id } }\","
                    + "\"variables\":" + variables() + "}";
            assertSafe(send(body, "application/json", token), body);
        }
    }

    @Test
    void hostileBodies() {
        for (int i = 0; i < 600; i++) {
            byte[] body = body();
            assertSafe(send(body, contentType(), token), new String(body, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void hostileHeaders() {
        for (int i = 0; i < 400; i++) {
            String authorization = headerValue();
            String accept = headerValue();
            String requestId = headerValue();
            var request = GraphQlHttp.request(port, "/graphql").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(GraphQlHttp.query("{ me { id } }")));
            HttpResponse<String> answer;
            try {
                for (var header : Map.of("Authorization", authorization, "Accept", accept, "X-Request-Id", requestId)
                        .entrySet()) {
                    if (!header.getValue().isEmpty()) {
                        request.header(header.getKey(), header.getValue());
                    }
                }
                answer = GraphQlHttp.send(request.build());
            } catch (IllegalArgumentException refusedByTheClient) {
                continue; // a header value the HTTP client itself will not send
            }
            assertSafe(answer, authorization + accept + requestId);
        }
    }

    private String document() {
        return fuzz.oneOf(
                f -> "{ " + f.joined(1, 30, " ", n -> f.of(FIELDS)) + " }",
                f -> "{ " + f.joined(1, 1_200, " ", n -> "a" + n + ": issues(first: 100) { ...p }")
                        + " } fragment p on IssueConnection { edges { node { id title } } totalCount }",
                f -> "{ me { " + (f.of(FIELDS) + " ").repeat(f.between(1, 5_000)) + "} }",
                f -> {
                    int n = f.between(1, 400);
                    return "{ " + "issues { edges { node { ".repeat(n) + "id" + " } } }".repeat(n) + " }";
                },
                f -> {
                    int n = f.between(1, 60);
                    return "{ ...f0 } " + f.joined(n, n, " ", i -> "fragment f" + i + " on Query { me { id } ...f"
                            + ((i + 1) % n) + " ...f" + ((i + 1) % n) + " }");
                },
                f -> "{ me { id " + "@include(if: true) @skip(if: false) ".repeat(f.between(1, 3_000)) + "} }",
                f -> "mutation { " + f.joined(1, 600, " ", i -> "m" + i + ": createIssue(input: {title: \"fuzz\"}) { id }")
                        + " }",
                f -> f.anyString(300),
                f -> "{ me { id } } #" + "x".repeat(f.between(1, 300_000)),
                f -> "{ me { id } }\u0000",
                f -> "query { issue(id: \"1' OR '1'='1\") { id } }");
    }

    private String variables() {
        return fuzz.oneOf(
                f -> {
                    int n = f.between(1, 5_000);
                    return "{\"input\":" + "{\"title\":".repeat(n) + "\"x\"" + "}".repeat(n) + "}";
                },
                f -> "{\"input\":{\"title\":\"" + "t".repeat(f.between(1, 400_000)) + "\"}}",
                f -> "{\"input\":{\"title\":\"a\\u0000b\"}}",
                f -> f.of(List.of("[]", "42", "\"input\"", "null", "{\"input\":[1,2]}",
                        "{\"input\":{\"title\":1e999999}}", "{\"input\":{\"title\":\"x\",\"status\":\"NOPE\"}}",
                        "{\"input\":{\"title\":" + "9".repeat(5_000) + "}}")),
                f -> "{" + f.joined(1, 20_000, ",", i -> "\"k" + i + "\":" + i) + "}");
    }

    private byte[] body() {
        return fuzz.oneOf(
                f -> f.bytes(2_000),
                f -> new byte[] {'{', '"', 'q', 'u', 'e', 'r', 'y', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF,
                    '"', '}'},
                f -> ("[" + f.joined(0, 2_000, ",", i -> "{\"query\":\"{ me { id } }\"}") + "]").getBytes(StandardCharsets.UTF_8),
                f -> {
                    int n = f.between(1, 50_000);
                    return ("[".repeat(n) + "]".repeat(n)).getBytes(StandardCharsets.UTF_8);
                },
                f -> f.of(List.of("{}", "null", "\"query\"", "{\"query\":null}", "{\"query\":[\"{ me { id } }\"]}",
                        "{\"query\":\"{ me { id } }\",\"variables\":\"{}\"}", "{\"query\":\"{ me { id } }\",\"extensions\":7}",
                        "{\"documentId\":42}", "{\"extensions\":{\"persistedQuery\":{\"version\":1,\"sha256Hash\":7}}}"))
                        .getBytes(StandardCharsets.UTF_8));
    }

    private String contentType() {
        return fuzz.of(List.of("application/json", "application/json; charset=utf-8", "application/json; charset=latin1",
                "text/plain", "application/graphql", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
                "application/xml", "*/*", "application/json;;;", "garbage", ""));
    }

    private String headerValue() {
        return fuzz.oneOf(
                f -> f.chars((char) 0, (char) 127, 0, 200),
                f -> f.of(List.of("", "Bearer ", "Bearer " + "a.".repeat(3_000), "Basic Zm9vOmJhcg==",
                        "application/graphql-response+json", "text/html", "*/*;q=0", "application/json;q=abc")),
                f -> "Bearer " + f.chars('a', 'z', 1, 20_000));
    }

    private HttpResponse<String> send(String body, String contentType, String bearer) {
        return send(body.getBytes(StandardCharsets.UTF_8), contentType, bearer);
    }

    private HttpResponse<String> send(byte[] body, String contentType, String bearer) {
        var request = GraphQlHttp.request(port, "/graphql").header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        return GraphQlHttp.send(request.build());
    }

    private static String json(Map<String, String> body) {
        return body.entrySet().stream().map(entry -> "\"" + entry.getKey() + "\":\"" + escape(entry.getValue()) + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        text.chars().forEach(c -> escaped.append(c == '"' || c == '\\' ? "\\" + (char) c
                : c < 0x20 ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return escaped.toString();
    }

    private void assertSafe(HttpResponse<String> answer, String sent) {
        String seed = "seed " + fuzz.seed() + " (-Dfuzz.seed=" + fuzz.seed() + "): ";
        assertThat(answer.statusCode()).as(seed + answer.body()).isLessThan(500);
        var leak = LEAK.matcher(answer.body());
        while (leak.find()) {
            assertThat(sent).as(seed + "the answer shows %s, which the request did not: %s", leak.group(), answer.body())
                    .containsIgnoringCase(leak.group().strip());
        }
    }
}
