package io.issuegraph.live;

import static io.issuegraph.testsupport.GraphQlHttp.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.issuegraph.testsupport.CapturedLog;
import io.issuegraph.testsupport.GraphQlHttp;
import io.issuegraph.testsupport.GraphQlWs;
import io.issuegraph.testsupport.IntegrationTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Clients that stop reading, over real sockets (docs/live-updates.md#slow-clients): an SSE stream and a
 * graphql-ws connection whose clients read nothing once subscribed, each selecting about 30 KB per event,
 * while a third client reads along. The reader of the outbox never waits for them: the third gets every
 * event, within a second; the two stalled ones are ended once their buffers are full. A buffer of 64
 * events per subscriber, and room for selections of 120 aliases.
 */
// settings of its own: its server closes with it, not with the JVM (docs/testing.md#layers)
@DirtiesContext
@TestPropertySource(properties = {"issuegraph.live.subscriber-buffer=64", "issuegraph.graphql.max-aliases=120"})
class SlowConsumersTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int EVENTS = 800;
    private static final int PER_POLL = 20;
    /** About 30 KB per event: the title (255 characters) 120 times. */
    private static final String LARGE = "subscription { issueEvents { kind issueId issue { "
            + IntStream.range(0, 120).mapToObj(i -> "t" + i + ": title").collect(Collectors.joining(" ")) + " } } }";

    @Autowired
    IssueEventBroadcaster broadcaster;

    @Test
    void stalledClientsOnEitherTransportAreEndedAndNeverHoldUpTheOthers() throws Exception {
        String token = gotrue.accessToken(newUser("Stella Stalled"));
        String title = "x".repeat(255);
        String created = post(query("mutation { createIssue(input: {title: \"" + title + "\"}) { id } }"), token).body();
        long issueId = Long.parseLong(created.replaceAll(".*\"id\":\"([0-9]+)\".*", "$1"));

        try (CapturedLog log = CapturedLog.of(Logger.ROOT_LOGGER_NAME);
                GraphQlWs reading = GraphQlWs.connect(port, token).acknowledged();
                Socket stalledSse = stalledSse(token);
                Socket stalledSocket = stalledWebSocket(token)) {
            reading.subscribe("small", "subscription { issueEvents { kind issueId } }", Map.of());
            await().atMost(Duration.ofSeconds(5)).until(() -> broadcaster.size() == 3);

            for (int written = 0; written < EVENTS; written += PER_POLL) {
                insertUpdates(issueId, PER_POLL);
                Thread.sleep(100);
            }
            long lastWritten = System.nanoTime();
            int received = 0;
            JsonNode last = null;
            while (received < EVENTS && System.nanoTime() - lastWritten < Duration.ofSeconds(5).toNanos()) {
                JsonNode message = reading.next(Duration.ofMillis(50));
                JsonNode event = message == null ? null : message.path("payload").path("data").path("issueEvents");
                if (event != null && "UPDATED".equals(event.path("kind").asString()) && event.path("issueId").asLong() == issueId) {
                    received++;
                }
                last = message == null ? last : message;
            }
            long millis = (System.nanoTime() - lastWritten) / 1_000_000;

            assertThat(received).as("events received; the last message: %s", last).isEqualTo(EVENTS);
            assertThat(millis).as("every event reached the reading client within a second of the last").isLessThan(1_000);
            await("the stalled streams ended").atMost(Duration.ofSeconds(10)).until(() -> broadcaster.size() == 1);
            // their clients go away with unread data: the writes blocked on them fail
            stalledSse.close();
            stalledSocket.close();
            Thread.sleep(1_000);
            assertThat(log.errors()).isEmpty();
        }
    }

    /** Events for this issue, as its changes would write them, in one statement. */
    private void insertUpdates(long issueId, int count) {
        jdbc.sql("INSERT INTO issue_events (issue_id, kind, status, created_at) VALUES "
                + IntStream.range(0, count).mapToObj(i -> "(" + issueId + ", 'UPDATED', 'to-do', UTC_TIMESTAMP(3))")
                        .collect(Collectors.joining(", "))).update();
    }

    /** A client with a small receive buffer that subscribes over SSE, reads the response's headers, then nothing. */
    private Socket stalledSse(String token) throws IOException {
        Socket socket = smallBufferedSocket();
        byte[] body = JSON.writeValueAsBytes(Map.of("query", LARGE));
        OutputStream out = socket.getOutputStream();
        out.write(("POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        assertThat(GraphQlHttp.head(socket.getInputStream())).startsWith("HTTP/1.1 200");
        return socket;
    }

    /** A graphql-ws client with a small receive buffer that subscribes, then reads nothing. */
    private Socket stalledWebSocket(String token) throws IOException {
        Socket socket = smallBufferedSocket();
        assertThat(GraphQlWs.handshake(socket, port, "")).startsWith("HTTP/1.1 101");
        OutputStream out = socket.getOutputStream();
        sendText(out, JSON.writeValueAsString(Map.of("type", "connection_init", "payload",
                Map.of("Authorization", "Bearer " + token))));
        sendText(out, JSON.writeValueAsString(Map.of("id", "large", "type", "subscribe", "payload", Map.of("query", LARGE))));
        return socket;
    }

    private Socket smallBufferedSocket() throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        return socket;
    }

    /** One masked text frame, as a client must send it. */
    private static void sendText(OutputStream out, String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        out.write(0x81);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xff);
        }
        out.write(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        out.flush();
    }
}
