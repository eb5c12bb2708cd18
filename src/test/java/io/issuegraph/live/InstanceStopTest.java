package io.issuegraph.live;

import static io.issuegraph.testsupport.GraphQlHttp.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.issuegraph.testsupport.CapturedLog;
import io.issuegraph.testsupport.GraphQlWs;
import io.issuegraph.testsupport.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.socket.CloseStatus;

/**
 * An instance that stops with many graphql-ws subscriptions open while events flow
 * (docs/live-updates.md#guarantees): every connection is closed with 1001, going away, and no
 * subscription is told it is complete first, so that its client reconnects elsewhere and sends it again;
 * and nothing is logged at ERROR.
 */
class InstanceStopTest extends IntegrationTest {

    private static final int CONNECTIONS = 50;
    private static final int PER_CONNECTION = 4;

    @Test
    void stoppingClosesEveryConnectionWithGoingAwayAndLogsNoError() throws Exception {
        ConfigurableApplicationContext instance = anotherInstance(Map.of(
                "issuegraph.websocket.max-per-user", Integer.toString(CONNECTIONS),
                "issuegraph.live.max-subscriptions-per-user", Integer.toString(CONNECTIONS * PER_CONNECTION)));
        IssueEventBroadcaster broadcaster = instance.getBean(IssueEventBroadcaster.class);
        String token = gotrue.accessToken(newUser("Ingrid Instance"));
        String created = post(query("mutation { createIssue(input: {title: \"Busy\"}) { id } }"), token).body();
        long issueId = Long.parseLong(created.replaceAll(".*\"id\":\"([0-9]+)\".*", "$1"));
        List<GraphQlWs> clients = new ArrayList<>();
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        try (CapturedLog log = CapturedLog.of(Logger.ROOT_LOGGER_NAME)) {
            for (int c = 0; c < CONNECTIONS; c++) {
                GraphQlWs client = GraphQlWs.connect(port(instance), token).acknowledged();
                clients.add(client);
                for (int s = 0; s < PER_CONNECTION; s++) {
                    client.subscribe("s" + s, "subscription { issueEvents { kind issueId } }", Map.of());
                }
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> broadcaster.size() == CONNECTIONS * PER_CONNECTION);
            writer.scheduleWithFixedDelay(() -> jdbc.sql("INSERT INTO issue_events (issue_id, kind, status, created_at) VALUES "
                    + IntStream.range(0, 10).mapToObj(i -> "(" + issueId + ", 'UPDATED', 'to-do', UTC_TIMESTAMP(3))")
                            .collect(Collectors.joining(", "))).update(), 0, 20, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> clients.get(0).next(Duration.ofMillis(100)) != null);

            instance.close();

            for (GraphQlWs client : clients) {
                assertThat(client.closeCode(Duration.ofSeconds(5))).isEqualTo(CloseStatus.GOING_AWAY.getCode());
                assertThat(client.drain(Duration.ZERO)).map(message -> message.path("type").asString())
                        .doesNotContain("complete");
            }
            assertThat(log.errors()).isEmpty();
        } finally {
            writer.shutdownNow();
            clients.forEach(GraphQlWs::close);
            instance.close();
        }
    }
}
