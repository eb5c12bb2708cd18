package io.issuegraph.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.issuegraph.testsupport.GraphQlWs;
import io.issuegraph.testsupport.IntegrationTest;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The caps on graphql-ws connections (docs/live-updates.md#limits), small enough to reach: 2 per user,
 * 4 per instance; and the handshake without compression, whose memory they would not count
 * (docs/live-updates.md#compression).
 */
// settings of its own: its server closes with it, not with the JVM (docs/testing.md#layers)
@DirtiesContext
@TestPropertySource(properties = {"issuegraph.websocket.max-per-user=2", "issuegraph.websocket.max-connections=4"})
class WebSocketCapsTest extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** Every connection of the tests before is gone on the server's side too. */
    @BeforeEach
    void noConnectionOpen() {
        await().atMost(WAIT).until(() -> metrics().contains("issuegraph_websocket_connections 0.0"));
    }

    @Test
    void aUserHoldsAtMostTheirCapAndMayConnectAgainOnceOneCloses() {
        String token = gotrue.accessToken(newUser("Connie Cap"));
        try (GraphQlWs first = GraphQlWs.connect(port, token).acknowledged()) {
            try (GraphQlWs second = GraphQlWs.connect(port, token).acknowledged();
                    GraphQlWs third = GraphQlWs.connect(port, token)) {
                assertThat(third.closeCode(WAIT)).isEqualTo(4429);
                try (GraphQlWs someoneElse = GraphQlWs.connect(port, gotrue.accessToken(newUser("Otto Other")))) {
                    someoneElse.acknowledged();
                }
            }
            await().atMost(WAIT).until(() -> acknowledged(token));
        }
    }

    @Test
    void anInstanceHoldsAtMostItsCapAndClosesTheNextWith1013() throws InterruptedException {
        List<GraphQlWs> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                open.add(GraphQlWs.open(port, null));
            }
            // the server may see them open in any order: one of the five is closed, the others stay
            await().atMost(WAIT).until(() -> open.stream().anyMatch(socket -> socket.closeCode(Duration.ZERO) != null));
            Thread.sleep(200);
            assertThat(open).extracting(socket -> socket.closeCode(Duration.ZERO))
                    .containsExactlyInAnyOrder(1013, null, null, null, null);
            assertThat(metrics()).contains("issuegraph_websocket_connections 4.0");
        } finally {
            open.forEach(GraphQlWs::close);
        }
        await().atMost(WAIT).until(() -> acknowledged(gotrue.accessToken(newUser("Nora Next"))));
    }

    @Test
    void aHandshakeThatOffersCompressionIsAnsweredWithout() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) WAIT.toMillis());
            String headers = GraphQlWs.handshake(socket, port, "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n");

            assertThat(headers).startsWith("HTTP/1.1 101").containsIgnoringCase("Sec-WebSocket-Protocol: graphql-transport-ws")
                    .doesNotContainIgnoringCase("Sec-WebSocket-Extensions").doesNotContainIgnoringCase("deflate");
        }
    }

    private boolean acknowledged(String token) {
        try (GraphQlWs socket = GraphQlWs.connect(port, token)) {
            JsonNode answer = socket.next(WAIT);
            return answer != null && "connection_ack".equals(answer.path("type").asString());
        }
    }
}
