package io.issuegraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.Sha256;
import io.issuegraph.identity.standin.GoTrueStandIn;
import io.issuegraph.testsupport.GraphQlHttp;
import io.issuegraph.testsupport.GraphQlSse;
import io.issuegraph.testsupport.GraphQlWs;
import io.issuegraph.testsupport.IntegrationTest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One authorization model, whatever the way a request comes (docs/api.md#who-may-do-what): each kind of
 * caller over POST and GET, by text and by persisted hash, graphql-ws and SSE, with each outcome on each
 * way. Every caller against every operation is the GraphQL slices' ({@code issue.IssueGraphQlTest},
 * {@code identity.MeGraphQlTest}, {@code account.AccountGraphQlTest}); here what the transport adds: 401
 * before GraphQL, 405 for a mutation over GET, documents by hash. Members need the "member" role here.
 */
@TestPropertySource(properties = "issuegraph.identity.required-role=member")
class AuthorizationMatrixTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    enum Caller { MEMBER, NON_MEMBER, ADMIN, CLOSING, ANONYMOUS }

    enum Sent { POST_TEXT, POST_HASH, GET_TEXT, GET_HASH }

    /** @param field the root field, whose value tells whether it ran */
    record Operation(String field, String document, boolean mutation) {
        String hash() {
            return Sha256.hex(document);
        }
    }

    private static final List<Operation> OPERATIONS = List.of(
            new Operation("me", "query Me { me { id } }", false),
            new Operation("issues", "query Issues { issues(first: 1) { totalCount } }", false),
            new Operation("createIssue", "mutation Create { createIssue(input: {title: \"matrix\"}) { id } }", true),
            new Operation("deleteMyAccount", "mutation Close { deleteMyAccount { identityDeleted } }", true));

    /** What a caller gets: "OK", a classification next to a null field, or an HTTP status alone. */
    static String expected(Caller caller, Operation operation, Sent sent) {
        if (caller == Caller.ANONYMOUS) {
            return "401";
        }
        if (operation.mutation() && (sent == Sent.GET_TEXT || sent == Sent.GET_HASH)) {
            return "405";
        }
        boolean closesAccount = operation.field().equals("deleteMyAccount");
        return switch (caller) {
            case CLOSING -> closesAccount ? "OK" : "UNAUTHORIZED";
            case NON_MEMBER -> closesAccount || operation.field().equals("me") ? "OK" : "FORBIDDEN";
            default -> "OK";
        };
    }

    /** Persisted documents are remembered once sent with their text and hash (here by throwaway admins). */
    @BeforeAll
    void rememberEveryDocumentByHash() {
        for (Operation operation : OPERATIONS) {
            String admin = gotrue.accessToken(newAdmin());
            assertThat(post(withHash(operation, true), admin).body()).doesNotContain("errors");
        }
    }

    /** The operations each caller sends every way: between them, every outcome on every way of sending. */
    static List<String> sampled(Caller caller) {
        return switch (caller) {
            case MEMBER -> List.of("issues", "createIssue");
            case NON_MEMBER -> List.of("me", "issues");
            case ADMIN -> List.of("createIssue");
            case CLOSING -> List.of("issues", "deleteMyAccount");
            case ANONYMOUS -> List.of("me");
        };
    }

    @TestFactory
    Stream<DynamicTest> everyCallerEveryWayOfSendingIt() {
        List<DynamicTest> cells = new ArrayList<>();
        for (Caller caller : Caller.values()) {
            for (Operation operation : OPERATIONS) {
                if (!sampled(caller).contains(operation.field())) {
                    continue;
                }
                for (Sent sent : Sent.values()) {
                    String expected = expected(caller, operation, sent);
                    cells.add(DynamicTest.dynamicTest(caller + " " + operation.field() + " " + sent + " → " + expected,
                            () -> assertOutcome(expected, operation, send(sent, operation, tokenOf(caller)))));
                }
            }
        }
        return cells.stream();
    }

    /** The same model for subscriptions, over graphql-ws and over SSE: only members may subscribe. */
    @TestFactory
    Stream<DynamicTest> everyCallerSubscribingOverEachTransport() {
        String subscription = "subscription { issueEvents { kind } }";
        List<DynamicTest> cells = new ArrayList<>();
        for (Caller caller : Caller.values()) {
            String expected = switch (caller) {
                case MEMBER, ADMIN -> "OK";
                case NON_MEMBER -> "FORBIDDEN";
                case CLOSING -> "UNAUTHORIZED";
                case ANONYMOUS -> "401";
            };
            cells.add(DynamicTest.dynamicTest(caller + " over graphql-ws → " + expected, () -> {
                String token = tokenOf(caller);
                gotrue.behave(GoTrueStandIn.Behaviour.NORMAL);
                try (GraphQlWs socket = GraphQlWs.connect(port, token)) {
                    if (expected.equals("401")) {
                        assertThat(socket.closeCode(Duration.ofSeconds(5))).isEqualTo(4401);
                        return;
                    }
                    socket.acknowledged().subscribe("1", subscription, Map.of());
                    JsonNode answer = socket.next(Duration.ofMillis(expected.equals("OK") ? 700 : 5_000));
                    if (expected.equals("OK")) {
                        assertThat(answer == null || !answer.toString().contains("errors")).as("an open stream: %s", answer)
                                .isTrue();
                    } else {
                        assertThat(answer.toString()).contains("\"classification\":\"" + expected + "\"");
                    }
                }
            }));
            cells.add(DynamicTest.dynamicTest(caller + " over SSE → " + expected, () -> {
                String token = tokenOf(caller);
                gotrue.behave(GoTrueStandIn.Behaviour.NORMAL);
                try (GraphQlSse stream = GraphQlSse.subscribe(port, token, subscription, Map.of())) {
                    if (expected.equals("401")) {
                        assertThat(stream.status()).isEqualTo(401);
                        return;
                    }
                    assertThat(stream.status()).isEqualTo(200);
                    JsonNode answer = stream.next(Duration.ofMillis(expected.equals("OK") ? 700 : 5_000));
                    if (expected.equals("OK")) {
                        assertThat(answer == null || !answer.toString().contains("errors")).as("an open stream: %s", answer)
                                .isTrue();
                    } else {
                        assertThat(answer.toString()).contains("\"classification\":\"" + expected + "\"");
                    }
                }
            }));
        }
        return cells.stream();
    }

    @Test
    void aClosingAccountFinishesClosingWithTheDocumentSentByHashOnly() {
        GoTrueStandIn.User user = newUser("Hash Only");
        String token = gotrue.accessToken(user);
        gotrue.behave(GoTrueStandIn.Behaviour.FAIL_500);
        assertThat(post(withHash(OPERATIONS.get(3), false), token).body()).contains("\"identityDeleted\":false");
        gotrue.behave(GoTrueStandIn.Behaviour.NORMAL);

        HttpResponse<String> finished = post(withHash(OPERATIONS.get(3), false), token);

        assertThat(finished.body()).contains("\"identityDeleted\":true").doesNotContain("errors");
        assertThat(gotrue.userExists(user.id())).isFalse();
    }

    /**
     * connection_init decides who a graphql-ws connection is: a member's token on the handshake lends a
     * non-member nothing, not even to method security, which reads the caller from the thread.
     */
    @Test
    void aTokenOnTheWebSocketHandshakeCountsForNothing() {
        try (GraphQlWs socket = GraphQlWs.connect(port, tokenOf(Caller.NON_MEMBER), tokenOf(Caller.MEMBER)).acknowledged()) {
            socket.subscribe("me", "{ me { name } }", Map.of());
            assertThat(socket.next(Duration.ofSeconds(5)).toString()).contains("\"name\":\"Nora Nonmember\"");
            assertThat(socket.next(Duration.ofSeconds(5)).path("type").asString()).isEqualTo("complete");
            socket.subscribe("issues", "{ issues(first: 1) { totalCount } }", Map.of());
            JsonNode refused = socket.next(Duration.ofSeconds(5)).path("payload");
            assertThat(refused.path("data").isNull()).as("%s", refused).isTrue();
            assertThat(refused.path("errors").get(0).path("path").toString()).isEqualTo("[\"issues\"]");
            assertThat(refused.path("errors").get(0).path("extensions").path("classification").asString()).isEqualTo("FORBIDDEN");
        }
        try (GraphQlWs socket = GraphQlWs.connect(port, "not-a-token", tokenOf(Caller.MEMBER))) {
            assertThat(socket.closeCode(Duration.ofSeconds(5))).isEqualTo(4401);
        }
    }

    /** A new caller of the kind for each cell: a cell that closes an account spends its caller. */
    private String tokenOf(Caller caller) {
        return switch (caller) {
            case MEMBER -> gotrue.accessToken(gotrue.createUser(uniqueEmail(), "correct horse battery staple", "Mia Member",
                    List.of("member")));
            case NON_MEMBER -> gotrue.accessToken(newUser("Nora Nonmember"));
            case ADMIN -> gotrue.accessToken(newAdmin());
            case CLOSING -> closingAccountToken();
            case ANONYMOUS -> null;
        };
    }

    /** An account whose Identity user could not be deleted yet: GoTrue keeps failing until the cell is done. */
    private String closingAccountToken() {
        String token = gotrue.accessToken(gotrue.createUser(uniqueEmail(), "correct horse battery staple", "Cleo Closing",
                List.of("member")));
        gotrue.behave(GoTrueStandIn.Behaviour.FAIL_500);
        assertThat(post(GraphQlHttp.query("mutation { deleteMyAccount { identityDeleted } }"), token).body())
                .contains("\"identityDeleted\":false");
        return token;
    }

    private HttpResponse<String> send(Sent sent, Operation operation, String token) {
        try {
            return switch (sent) {
                case POST_TEXT -> post(GraphQlHttp.query(operation.document()), token);
                case POST_HASH -> post(withHash(operation, false), token);
                case GET_TEXT -> get("query=" + encode(operation.document()), token);
                case GET_HASH -> get("extensions=" + encode(persistedQuery(operation)), token);
            };
        } finally {
            gotrue.behave(GoTrueStandIn.Behaviour.NORMAL);
        }
    }

    private HttpResponse<String> get(String queryString, String token) {
        var request = GraphQlHttp.request(port, "/graphql?" + queryString).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return GraphQlHttp.send(request.build());
    }

    private static String withHash(Operation operation, boolean withText) {
        return "{" + (withText ? "\"query\":" + JSON.writeValueAsString(operation.document()) + "," : "")
                + "\"extensions\":" + persistedQuery(operation) + "}";
    }

    private static String persistedQuery(Operation operation) {
        return "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + operation.hash() + "\"}}";
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static void assertOutcome(String expected, Operation operation, HttpResponse<String> response) {
        switch (expected) {
            case "401" -> assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
            case "405" -> {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(405);
                assertThat(response.headers().firstValue("Allow")).hasValue("POST");
                assertThat(response.body()).contains("\"classification\":\"METHOD_NOT_ALLOWED\"");
            }
            case "OK" -> {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode body = JSON.readTree(response.body());
                assertThat(body.has("errors")).as(response.body()).isFalse();
                assertThat(body.path("data").path(operation.field()).isNull()).as(response.body()).isFalse();
            }
            default -> {
                JsonNode body = JSON.readTree(response.body());
                assertThat(body.path("errors").path(0).path("extensions").path("classification").asString())
                        .as(response.body()).isEqualTo(expected);
                JsonNode data = body.path("data");
                assertThat(data.isNull() || data.isMissingNode() || data.path(operation.field()).isNull())
                        .as("%s ran: %s", operation.field(), response.body()).isTrue();
            }
        }
    }
}
