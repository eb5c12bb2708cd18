package io.issuegraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.testsupport.GraphQlWs;
import io.issuegraph.testsupport.IntegrationTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Tomcat's per-connection buffers are the smaller ones of {@link TomcatBuffers} in the running server, and a
 * message longer than its WebSocket buffer still arrives whole (docs/live-updates.md#capacity).
 */
class TomcatBuffersTest extends IntegrationTest {

    @Autowired
    private WebServerApplicationContext context;

    @Test
    void eachConnectionReadsThroughFourKilobytes() {
        var tomcat = ((TomcatWebServer) context.getWebServer()).getTomcat();
        assertThat(tomcat.getConnector().getProperty("socket.appReadBufSize")).hasToString("4096");
        assertThat(tomcat.getConnector().getProperty("socket.appWriteBufSize")).hasToString("8192");
    }

    /** The value Tomcat's WebSocket classes read as they loaded: the property was set before they did. */
    @Test
    void eachWebSocketConnectionHasBuffersOfTwoKilobytes() throws Exception {
        var field = Class.forName("org.apache.tomcat.websocket.Constants").getDeclaredField("DEFAULT_BUFFER_SIZE");
        field.setAccessible(true);
        assertThat(field.getInt(null)).isEqualTo(2048);
    }

    @Test
    void anAnswerLongerThanTheBufferArrivesWhole() {
        String token = gotrue.accessToken(newUser("Lana Long"));
        String title = "x".repeat(250);
        for (int i = 0; i < 20; i++) {
            graphQlTester.mutate().headers(headers -> headers.setBearerAuth(token)).build()
                    .document("mutation($t: String!) { createIssue(input: {title: $t}) { id } }")
                    .variable("t", title).execute().path("createIssue.id").hasValue();
        }
        try (GraphQlWs socket = GraphQlWs.connect(port, token).acknowledged()) {
            socket.subscribe("page", "{ issues(first: 20) { edges { node { title } } } }", Map.of());

            JsonNode answer = socket.next(Duration.ofSeconds(5));
            assertThat(answer.toString().length()).as("an answer of several frames").isGreaterThan(2 * 2048);
            assertThat(answer.path("payload").path("data").path("issues").path("edges")).hasSize(20)
                    .allSatisfy(edge -> assertThat(edge.path("node").path("title").asString()).isEqualTo(title));
        }
    }
}
