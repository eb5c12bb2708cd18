package io.issuegraph.gotrue;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.issuegraph.IdentityProperties;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** What issuegraph sends the delete bridge, and which answers it takes for a deletion. */
class DeleteBridgeTest {

    private static final String SECRET = "unit-test-bridge-secret-of-32-bytes!!";
    private static final String USER = "6d0a1f1e-3c7b-4a7e-9a51-2b9f0c1d2e3f";
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private HttpServer server;
    private final List<String> bodies = new ArrayList<>();
    private volatile String answer;

    @BeforeEach
    void startFakeBridge() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            bodies.add(exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsATicketSignedForTheUserThatExpiresInAMinute() throws Exception {
        answer = "{\"identityDeleted\":true,\"sub\":\"" + USER + "\"}";

        assertThat(gotrue().deleteViaBridge(USER, "user-token").outcome()).isEqualTo(UserDeletionOutcome.Outcome.DELETED);

        long exp = NOW.plusSeconds(60).getEpochSecond();
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = Base64.getUrlEncoder().withoutPadding().encodeToString(
                hmac.doFinal(("issuegraph-delete-bridge\n" + USER + "\n" + exp).getBytes(StandardCharsets.UTF_8)));
        assertThat(bodies).singleElement().satisfies(body -> assertThat(body).startsWith("application/json ")
                .contains("\"sub\":\"" + USER + "\"").contains("\"exp\":" + exp).contains("\"signature\":\"" + signature + "\""));
    }

    @Test
    void aSuccessStatusWithoutAConfirmationForThisUserIsNoDeletion() {
        for (String body : List.of("{}", "{\"identityDeleted\":false,\"sub\":\"" + USER + "\"}",
                "{\"identityDeleted\":true,\"sub\":\"0f8e2c4a-1b3d-4e5f-8a7b-9c0d1e2f3a4b\"}", "{\"identityDeleted\":true}",
                "<html>ok</html>")) {
            answer = body;
            assertThat(gotrue().deleteViaBridge(USER, "user-token").identityGone()).as(body).isFalse();
        }
    }

    private GoTrueClient gotrue() {
        var properties = new IdentityProperties(URI.create("http://127.0.0.1:1"), null, null, null, null,
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/bridge"), SECRET, null,
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(30),
                Duration.ofSeconds(60), 16, Duration.ofHours(1), Duration.ofSeconds(10),
                Duration.ofMinutes(5), Duration.ofHours(24));
        return new GoTrueClient(properties, RestClient.builder(), ClientHttpRequestFactoryBuilder.jdk(),
                HttpClientSettings.defaults(), JsonMapper.builder().build(), Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
