package io.issuegraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.IssuegraphApplication;
import io.issuegraph.testsupport.GraphQlHttp;
import io.issuegraph.testsupport.TestDatabase;
import io.issuegraph.testsupport.TestIdentity;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Property-based fuzzing (jqwik) of the running server: random and hostile documents, variables, bodies
 * and headers, including the known attack shapes. Whatever is sent, the answer is never a 5xx and never
 * shows a stack trace, a class name or SQL; and the server is healthy afterwards.
 */
@Tag("integration")
class HostileRequestsFuzzTest {

    private static final Pattern LEAK = Pattern.compile(
            "Exception|\\bat [a-z]+\\.[a-z]+\\.|java\\.|javax\\.|jakarta\\.|org\\.springframework|graphql\\.execution"
                    + "|io\\.issuegraph|com\\.mysql|SQLSTATE|SELECT |INSERT |DELETE FROM|syntax to use near",
            Pattern.CASE_INSENSITIVE);
    private static final List<String> FIELDS = List.of("me", "issues", "issue", "id", "title", "status", "edges",
            "node", "cursor", "totalCount", "pageInfo", "assignee", "name", "email", "roles", "__typename",
            "__schema", "__type", "createIssue", "updateIssue", "deleteIssue", "deleteMyAccount", "x");

    private static ConfigurableApplicationContext server;
    private static int port;
    private static String token;

    @BeforeContainer
    static void startServer() {
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

    @AfterContainer
    static void theServerIsHealthyAfterwardsThenStops() {
        try {
            assertThat(GraphQlHttp.get(port, "/actuator/health/liveness").statusCode()).isEqualTo(200);
            HttpResponse<String> me = GraphQlHttp.post(port, GraphQlHttp.query("{ me { name } }"), token);
            assertThat(me.body()).contains("\"name\":\"Fuzzy Fuzz\"");
        } finally {
            server.close();
        }
    }

    @Property(tries = 1000)
    void hostileDocuments(@ForAll("documents") String document) {
        assertSafe(send(json(Map.of("query", document)), "application/json", token), document);
    }

    @Property(tries = 600)
    void hostileVariables(@ForAll("variables") String variables) {
        String body = "{\"query\":\"mutation($input: CreateIssueInput!) { createIssue(input: $input) { id } }\","
                + "\"variables\":" + variables + "}";
        assertSafe(send(body, "application/json", token), body);
    }

    @Property(tries = 600)
    void hostileBodies(@ForAll("bodies") byte[] body, @ForAll("contentTypes") String contentType) {
        assertSafe(send(body, contentType, token), new String(body, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Property(tries = 400)
    void hostileHeaders(@ForAll("headerValues") String authorization, @ForAll("headerValues") String accept,
            @ForAll("headerValues") String requestId) {
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
            return; // a header value the HTTP client itself will not send
        }
        assertSafe(answer, authorization + accept + requestId);
    }

    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> field = Arbitraries.of(FIELDS);
        Arbitrary<String> flat = field.list().ofMinSize(1).ofMaxSize(30).map(fields -> "{ " + String.join(" ", fields) + " }");
        Arbitrary<String> aliases = Arbitraries.integers().between(1, 1_200).map(n -> "{ " + IntStream.range(0, n)
                .mapToObj(i -> "a" + i + ": issues(first: 100) { ...p }").collect(Collectors.joining(" "))
                + " } fragment p on IssueConnection { edges { node { id title } } totalCount }");
        Arbitrary<String> duplicates = Combinators.combine(field, Arbitraries.integers().between(1, 5_000))
                .as((name, n) -> "{ me { " + (name + " ").repeat(n) + "} }");
        Arbitrary<String> deep = Arbitraries.integers().between(1, 400)
                .map(n -> "{ " + "issues { edges { node { ".repeat(n) + "id" + " } } }".repeat(n) + " }");
        Arbitrary<String> cycles = Arbitraries.integers().between(1, 60).map(n -> "{ ...f0 } " + IntStream.range(0, n)
                .mapToObj(i -> "fragment f" + i + " on Query { me { id } ...f" + ((i + 1) % n) + " ...f" + ((i + 1) % n) + " }")
                .collect(Collectors.joining(" ")));
        Arbitrary<String> directives = Arbitraries.integers().between(1, 3_000)
                .map(n -> "{ me { id " + "@include(if: true) @skip(if: false) ".repeat(n) + "} }");
        Arbitrary<String> mutations = Arbitraries.integers().between(1, 600).map(n -> "mutation { " + IntStream.range(0, n)
                .mapToObj(i -> "m" + i + ": createIssue(input: {title: \"fuzz\"}) { id }").collect(Collectors.joining(" ")) + " }");
        Arbitrary<String> garbage = Arbitraries.strings().all().ofMaxLength(300);
        Arbitrary<String> huge = Arbitraries.integers().between(1, 300_000).map(n -> "{ me { id } } #" + "x".repeat(n));
        return Arbitraries.oneOf(flat, aliases, duplicates, deep, cycles, directives, mutations, garbage, huge,
                Arbitraries.just("{ me { id } }\u0000"), Arbitraries.just("query { issue(id: \"1' OR '1'='1\") { id } }"));
    }

    @Provide
    Arbitrary<String> variables() {
        Arbitrary<String> nested = Arbitraries.integers().between(1, 5_000)
                .map(n -> "{\"input\":" + "{\"title\":".repeat(n) + "\"x\"" + "}".repeat(n) + "}");
        Arbitrary<String> hugeTitle = Arbitraries.integers().between(1, 400_000)
                .map(n -> "{\"input\":{\"title\":\"" + "t".repeat(n) + "\"}}");
        Arbitrary<String> nulls = Arbitraries.just("{\"input\":{\"title\":\"a\\u0000b\"}}");
        Arbitrary<String> wrongTypes = Arbitraries.of("[]", "42", "\"input\"", "null", "{\"input\":[1,2]}",
                "{\"input\":{\"title\":1e999999}}", "{\"input\":{\"title\":\"x\",\"status\":\"NOPE\"}}",
                "{\"input\":{\"title\":" + "9".repeat(5_000) + "}}");
        Arbitrary<String> manyKeys = Arbitraries.integers().between(1, 20_000).map(n -> "{" + IntStream.range(0, n)
                .mapToObj(i -> "\"k" + i + "\":" + i).collect(Collectors.joining(",")) + "}");
        return Arbitraries.oneOf(nested, hugeTitle, nulls, wrongTypes, manyKeys);
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000);
        Arbitrary<byte[]> invalidUtf8 = Arbitraries.just(new byte[] {'{', '"', 'q', 'u', 'e', 'r', 'y', '"', ':', '"',
                (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'});
        Arbitrary<byte[]> batches = Arbitraries.integers().between(0, 2_000).map(n -> ("[" + IntStream.range(0, n)
                .mapToObj(i -> "{\"query\":\"{ me { id } }\"}").collect(Collectors.joining(",")) + "]").getBytes());
        Arbitrary<byte[]> deepJson = Arbitraries.integers().between(1, 50_000)
                .map(n -> ("[".repeat(n) + "]".repeat(n)).getBytes());
        Arbitrary<byte[]> shapes = Arbitraries.of("{}", "null", "\"query\"", "{\"query\":null}", "{\"query\":[\"{ me { id } }\"]}",
                "{\"query\":\"{ me { id } }\",\"variables\":\"{}\"}", "{\"query\":\"{ me { id } }\",\"extensions\":7}",
                "{\"documentId\":42}", "{\"extensions\":{\"persistedQuery\":{\"version\":1,\"sha256Hash\":7}}}")
                .map(String::getBytes);
        return Arbitraries.oneOf(random, invalidUtf8, batches, deepJson, shapes);
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/json", "application/json; charset=utf-8", "application/json; charset=latin1",
                "text/plain", "application/graphql", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
                "application/xml", "*/*", "application/json;;;", "garbage", "");
    }

    @Provide
    Arbitrary<String> headerValues() {
        return Arbitraries.oneOf(Arbitraries.strings().ascii().ofMaxLength(200), Arbitraries.of("", "Bearer ",
                "Bearer " + "a.".repeat(3_000), "Basic Zm9vOmJhcg==", "application/graphql-response+json",
                "text/html", "*/*;q=0", "application/json;q=abc"), Arbitraries.strings().withCharRange('a', 'z')
                .ofMinLength(1).ofMaxLength(20_000).map(value -> "Bearer " + value));
    }

    private static HttpResponse<String> send(String body, String contentType, String bearer) {
        return send(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), contentType, bearer);
    }

    private static HttpResponse<String> send(byte[] body, String contentType, String bearer) {
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

    private static void assertSafe(HttpResponse<String> answer, String sent) {
        assertThat(answer.statusCode()).as(answer.body()).isLessThan(500);
        var leak = LEAK.matcher(answer.body());
        while (leak.find()) {
            assertThat(sent).as("the answer shows %s, which the request did not: %s", leak.group(), answer.body())
                    .containsIgnoringCase(leak.group().strip());
        }
    }
}
