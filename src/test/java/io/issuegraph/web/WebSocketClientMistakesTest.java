package io.issuegraph.web;

import static io.issuegraph.testsupport.GraphQlHttp.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.testsupport.CapturedLog;
import io.issuegraph.testsupport.GraphQlSse;
import io.issuegraph.testsupport.GraphQlWs;
import io.issuegraph.testsupport.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import tools.jackson.databind.JsonNode;

/**
 * A client's mistake over graphql-ws is answered, with an {@code error} message for that operation, and
 * costs neither the connection nor its other operations; none writes an ERROR line, nor does a client
 * that goes away mid-stream (docs/live-updates.md#client-mistakes).
 */
class WebSocketClientMistakesTest extends IntegrationTest {

    private static final String EVENTS = "subscription { issueEvents { kind issueId } }";
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void eachMalformedSubscribeGetsAnErrorForItsIdAndTheConnectionGoesOn() {
        String token = gotrue.accessToken(newUser("Mia Mistaken"));
        try (CapturedLog log = CapturedLog.of(Logger.ROOT_LOGGER_NAME);
                GraphQlWs socket = GraphQlWs.connect(port, token).acknowledged()) {
            socket.subscribe("live", EVENTS, Map.of());
            Map<String, String> mistakes = Map.of(
                    "{\"id\":\"empty\",\"type\":\"subscribe\",\"payload\":{\"query\":\"\"}}", "empty",
                    "{\"id\":\"none\",\"type\":\"subscribe\",\"payload\":{}}", "none",
                    "{\"id\":\"number\",\"type\":\"subscribe\",\"payload\":{\"query\":42}}", "number",
                    "{\"id\":\"syntax\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription {\"}}", "syntax",
                    "{\"id\":\"unknown\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { nope }\"}}", "unknown",
                    "{\"id\":\"vars\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription($f: IssueFilter) "
                            + "{ issueEvents(filter: $f) { kind } }\",\"variables\":{\"f\":{\"status\":[\"NOPE\"]}}}}", "vars",
                    "{\"id\":\"varsNotAnObject\",\"type\":\"subscribe\",\"payload\":{\"query\":\"" + EVENTS
                            + "\",\"variables\":\"x\"}}", "varsNotAnObject");

            for (var mistake : mistakes.entrySet()) {
                socket.sendText(mistake.getKey());
                JsonNode answer = socket.next(WAIT);
                assertThat(answer).as("the answer to %s", mistake.getValue()).isNotNull();
                assertThat(answer.path("type").asString()).as("%s", answer).isEqualTo("error");
                assertThat(answer.path("id").asString()).isEqualTo(mistake.getValue());
                assertThat(answer.path("payload").get(0).path("message").asString()).isNotBlank();
                assertThat(answer.path("payload").get(0).path("extensions").path("classification").asString())
                        .as("%s", answer).isIn("BAD_REQUEST", "ValidationError", "InvalidSyntax");
            }

            String id = create(token);
            JsonNode event = socket.next(WAIT);
            assertThat(event).as("the other subscription's event").isNotNull();
            assertThat(event.path("id").asString()).isEqualTo("live");
            assertThat(event.path("payload").path("data").path("issueEvents").path("issueId").asString()).isEqualTo(id);
            assertThat(socket.closeCode(Duration.ofMillis(100))).isNull();
            assertThat(log.errors()).isEmpty();
        }
    }

    /** graphql-ws: a subscribe with an id already in use closes the connection with 4409. */
    @Test
    void anIdAlreadyInUseClosesWith4409() {
        try (CapturedLog log = CapturedLog.of(Logger.ROOT_LOGGER_NAME);
                GraphQlWs socket = GraphQlWs.connect(port, gotrue.accessToken(newUser("Dup Lee"))).acknowledged()) {
            socket.subscribe("same", EVENTS, Map.of());
            socket.subscribe("same", EVENTS, Map.of());

            assertThat(socket.closeCode(WAIT)).isEqualTo(4409);
            assertThat(log.errors()).isEmpty();
        }
    }

    @Test
    void aMessageThatIsNotJsonClosesWith4400() {
        try (CapturedLog log = CapturedLog.of(Logger.ROOT_LOGGER_NAME);
                GraphQlWs socket = GraphQlWs.connect(port, gotrue.accessToken(newUser("Jay Sun"))).acknowledged()) {
            socket.sendText("not json");

            assertThat(socket.closeCode(WAIT)).isEqualTo(4400);
            assertThat(log.errors()).isEmpty();
        }
    }

    /** A connection_init whose Authorization is no bearer token is refused as a missing one is: 4401, quietly. */
    @Test
    void aConnectionInitWithoutABearerTokenClosesWith4401() {
        for (String payload : List.of("{}", "{\"Authorization\":42}", "{\"Authorization\":\"Basic dXNlcjpwYXNz\"}",
                "{\"Authorization\":\"Bearer \"}", "{\"authorization\":[\"Bearer x\"]}")) {
            try (CapturedLog log = CapturedLog.of(Logger.ROOT_LOGGER_NAME);
                    GraphQlWs socket = GraphQlWs.open(port, null)) {
                socket.sendText("{\"type\":\"connection_init\",\"payload\":" + payload + "}");

                assertThat(socket.closeCode(WAIT)).as(payload).isEqualTo(4401);
                assertThat(log.errors()).as(payload).isEmpty();
            }
        }
    }

    /**
     * A message may be 8,192 characters long, and a longer one closes the connection with 1009 (too big):
     * larger documents go by persisted hash, or over HTTP (docs/live-updates.md#limits). Tomcat hands either
     * over in parts of its 1,024-character buffer, which {@link GraphQlWebSockets} puts together.
     */
    @Test
    void aMessageOverTheWebSocketLimitClosesWith1009() {
        try (CapturedLog log = CapturedLog.of(Logger.ROOT_LOGGER_NAME);
                GraphQlWs socket = GraphQlWs.connect(port, gotrue.accessToken(newUser("Max Length"))).acknowledged()) {
            String justFits = subscribePaddedTo(8_192);
            socket.sendText(justFits);
            create(gotrue.accessToken(newUser("Max Length")));
            assertThat(socket.next(WAIT)).as("the event of a subscription sent in 8,192 characters").isNotNull();

            socket.sendText(subscribePaddedTo(8_193));

            assertThat(socket.closeCode(WAIT)).isEqualTo(1009);
            assertThat(log.errors()).isEmpty();
        }
    }

    /** The same limit for a message a client sends in frames of its own: the parts are put together in order. */
    @Test
    void aMessageInSeveralFramesIsTakenWholeUpToTheLimit() {
        try (CapturedLog log = CapturedLog.of(Logger.ROOT_LOGGER_NAME);
                GraphQlWs socket = GraphQlWs.connect(port, gotrue.accessToken(newUser("Frank Frames"))).acknowledged()) {
            String justFits = subscribePaddedTo(8_192);
            socket.sendInFrames(justFits.substring(0, 10), justFits.substring(10, 3_000), justFits.substring(3_000));
            socket.sendText("{\"id\":\"short\",\"type\":\"subscribe\",\"payload\":{\"query\":\"" + EVENTS + "\"}}");
            create(gotrue.accessToken(newUser("Frank Frames")));
            assertThat(Stream.of(socket.next(WAIT), socket.next(WAIT)).map(message -> message.path("id").asString()))
                    .as("an event for each subscription, the one sent in three frames and the one after it")
                    .containsExactlyInAnyOrder("padded-8192", "short");

            String tooLong = subscribePaddedTo(8_193);
            socket.sendInFrames(tooLong.substring(0, 8_000), tooLong.substring(8_000));

            assertThat(socket.closeCode(WAIT)).isEqualTo(1009);
            assertThat(log.errors()).isEmpty();
        }
    }

    /** A binary message closes the connection with 1003 (not acceptable), however long: graphql-ws sends text only. */
    @Test
    void aBinaryMessageClosesWith1003() {
        String token = gotrue.accessToken(newUser("Bina Ry"));
        try (CapturedLog log = CapturedLog.of(Logger.ROOT_LOGGER_NAME)) {
            for (int length : new int[] {16, 4_096}) {
                try (GraphQlWs socket = GraphQlWs.connect(port, token).acknowledged()) {
                    socket.sendBinary(new byte[length]);

                    assertThat(socket.closeCode(WAIT)).as("%d bytes", length).isEqualTo(1003);
                }
            }
            assertThat(log.errors()).isEmpty();
        }
    }

    /** A subscribe message of exactly this many characters: the query padded with spaces. */
    private static String subscribePaddedTo(int length) {
        String message = "{\"id\":\"padded-%d\",\"type\":\"subscribe\",\"payload\":{\"query\":\"%s%s\"}}";
        int padding = length - message.formatted(length, EVENTS, "").length();
        String padded = message.formatted(length, EVENTS, " ".repeat(padding));
        assertThat(padded).hasSize(length);
        return padded;
    }

    @Test
    void clientsThatGoAwayMidStreamLeaveNoErrorBehind() throws Exception {
        String token = gotrue.accessToken(newUser("Gone Gail"));
        try (CapturedLog log = CapturedLog.of(Logger.ROOT_LOGGER_NAME)) {
            GraphQlSse sse = GraphQlSse.subscribe(port, token, EVENTS, Map.of());
            GraphQlWs socket = GraphQlWs.connect(port, token).acknowledged();
            socket.subscribe("1", EVENTS, Map.of());
            // a subscribe over graphql-ws has no answer to wait for: create until both streams are delivering
            JsonNode overSse = null;
            JsonNode overSocket = null;
            for (long deadline = System.nanoTime() + WAIT.toNanos(); (overSse == null || overSocket == null)
                    && System.nanoTime() < deadline;) {
                create(token);
                overSse = overSse != null ? overSse : sse.next(Duration.ofMillis(300));
                overSocket = overSocket != null ? overSocket : socket.next(Duration.ofMillis(300));
            }
            assertThat(overSse).isNotNull();
            assertThat(overSocket).isNotNull();

            sse.close();
            socket.abort();
            for (int i = 0; i < 5; i++) {
                create(token);
            }
            Thread.sleep(1_000);

            assertThat(log.errors()).isEmpty();
        }
    }

    /** The server learns that an SSE client went away only when it writes: here, the stream's end at the token's exp. */
    @Test
    void anSseStreamThatEndsAfterItsClientWentAwayLeavesNoErrorBehind() throws Exception {
        var user = newUser("Vanishing Val");
        try (CapturedLog log = CapturedLog.of(Logger.ROOT_LOGGER_NAME)) {
            GraphQlSse sse = GraphQlSse.subscribe(port, gotrue.accessToken(user, Duration.ofSeconds(3)), EVENTS, Map.of());
            create(gotrue.accessToken(user));
            assertThat(sse.next(WAIT)).isNotNull();

            sse.close();
            Thread.sleep(4_500);

            assertThat(log.errors()).isEmpty();
        }
    }

    private String create(String token) {
        String body = post(query("mutation { createIssue(input: {title: \"mistakes\"}) { id } }"), token).body();
        assertThat(body).contains("\"createIssue\":{");
        return body.replaceAll(".*\"id\":\"([0-9]+)\".*", "$1");
    }
}
