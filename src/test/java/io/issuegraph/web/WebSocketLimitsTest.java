package io.issuegraph.web;

import static io.issuegraph.testsupport.GraphQlHttp.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.testsupport.GraphQlWs;
import io.issuegraph.testsupport.ServerTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * graphql-ws under the limits of HTTP (docs/live-updates.md#limits), in introspection mode, where every
 * token not seen before costs a lookup at the identity service: the address limit on unverified tokens
 * (5 at once, 1 a second), the user limit (5 at once, 1 a second), at most 3 connections per address
 * not yet authenticated, 2 s to send {@code connection_init}, and GoTrue's answers reused for 1 s.
 */
// settings of its own: its server closes with it, not with the JVM (docs/testing.md#layers)
@DirtiesContext
@TestPropertySource(properties = {"issuegraph.rate-limit.enabled=true", "issuegraph.rate-limit.anonymous-burst=5",
        "issuegraph.rate-limit.anonymous-per-second=1", "issuegraph.rate-limit.user-burst=5",
        "issuegraph.rate-limit.user-per-second=1", "issuegraph.rate-limit.mutation-cost=1",
        "issuegraph.websocket.max-unauthenticated-per-address=3",
        "spring.graphql.websocket.connection-init-timeout=2s", "issuegraph.identity.introspection-cache-ttl=1s"})
class WebSocketLimitsTest extends ServerTest {

    private static final String EVENTS = "subscription { issueEvents { kind issueId } }";
    private static final Duration WAIT = Duration.ofSeconds(5);

    @DynamicPropertySource
    static void introspectionMode(DynamicPropertyRegistry registry) {
        registry.add("issuegraph.identity.url", () -> gotrue.url().toString());
    }

    @Test
    void aFloodOfConnectionInitsWithMadeUpTokensCostsOnlyAFewLookupsAndAKnownUserStillSubscribes() {
        String alice = gotrue.accessToken(newUser("Alice Known"));
        assertThat(post(query("{ me { id } }"), alice).statusCode()).isEqualTo(200); // now known to be good
        int before = lookups();
        long started = System.nanoTime();

        List<Integer> closes = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            try (GraphQlWs socket = GraphQlWs.connect(port, madeUpToken())) {
                closes.add(socket.closeCode(WAIT));
            }
        }

        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds() + 1;
        assertThat(closes).containsOnly(4401, 4429).contains(4429);
        assertThat(lookups() - before).as("identity lookups in %d s", seconds).isLessThanOrEqualTo(5 + (int) seconds);
        try (GraphQlWs socket = GraphQlWs.connect(port, alice).acknowledged()) {
            socket.subscribe("1", EVENTS, Map.of());
            String created = post(query("mutation { createIssue(input: {title: \"still live\"}) { id } }"), alice).body();
            String id = created.replaceAll(".*\"id\":\"([0-9]+)\".*", "$1");
            JsonNode event = socket.next(WAIT);
            assertThat(event).as("an event, not %s", event).isNotNull();
            assertThat(event.path("payload").path("data").path("issueEvents").path("issueId").asString()).isEqualTo(id);
        }
    }

    @Test
    void anAddressHoldsFewConnectionsNotYetAuthenticatedAndThoseAreClosedAfterTheInitTimeout() {
        List<GraphQlWs> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                idle.add(GraphQlWs.open(port, null));
            }
            // the server may see them open in any order: one of the four is refused, the others time out
            assertThat(idle).extracting(socket -> socket.closeCode(WAIT)).containsExactlyInAnyOrder(4429, 4408, 4408, 4408);
            try (GraphQlWs afterThem = GraphQlWs.connect(port, gotrue.accessToken(newUser("Nina Next")))) {
                afterThem.acknowledged();
            }
        } finally {
            idle.forEach(GraphQlWs::close);
        }
    }

    @Test
    void theUserLimitCoversSubscribeMessages() {
        try (GraphQlWs socket = GraphQlWs.connect(port, gotrue.accessToken(newUser("Greta Greedy"))).acknowledged()) {
            for (int i = 0; i < 8; i++) {
                socket.subscribe("s" + i, EVENTS, Map.of());
            }
            List<JsonNode> answers = socket.drain(Duration.ofMillis(500));

            assertThat(answers).filteredOn(answer -> answer.toString().contains("TOO_MANY_REQUESTS")).isNotEmpty()
                    .allSatisfy(answer -> assertThat(answer.path("id").asString()).startsWith("s"));
        }
    }

    /** A socket's rights follow what GoTrue says now, as a request's do over HTTP. */
    @Test
    void aRoleRemovedOrAUserDeletedWhileASocketIsOpenClosesItWith4401() {
        var admin = gotrue.createUser(uniqueEmail(), "correct horse battery staple", "Ada Admin", List.of("admin"));
        var gone = newUser("Gone Gus");
        var steady = newUser("Steady Stu");
        try (GraphQlWs demoted = GraphQlWs.connect(port, gotrue.accessToken(admin)).acknowledged();
                GraphQlWs deleted = GraphQlWs.connect(port, gotrue.accessToken(gone)).acknowledged();
                GraphQlWs unchanged = GraphQlWs.connect(port, gotrue.accessToken(steady)).acknowledged()) {
            gotrue.updateRoles(admin.id(), List.of());
            gotrue.deleteUser(gone.id());

            assertThat(demoted.closeCode(WAIT)).isEqualTo(4401);
            assertThat(deleted.closeCode(WAIT)).isEqualTo(4401);
            assertThat(unchanged.closeCode(Duration.ofMillis(100))).isNull();
        }
    }

    /** A well-formed token for a user the identity service never heard of: only the service can tell. */
    private static String madeUpToken() {
        return gotrue.mintToken(Map.of("sub", UUID.randomUUID().toString(), "email", UUID.randomUUID() + "@example.com",
                "aud", "authenticated", "role", "authenticated", "exp", Instant.now().plusSeconds(600).getEpochSecond()));
    }

    private static int lookups() {
        return gotrue.requests("GET", "/user").size();
    }
}
