package io.issuegraph.live;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.execution.instrumentation.FieldFetchingInstrumentationContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import io.issuegraph.testsupport.GraphQlSse;
import io.issuegraph.testsupport.GraphQlWs;
import io.issuegraph.testsupport.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each event executed once per group of subscribers (docs/live-updates.md#one-rendering-per-group), over
 * graphql-ws and SSE: the issue's assignee, an admin and other members, subscribed with the same document
 * and variables, each get their own {@code viewerCan…} and the same answer otherwise, from one execution
 * per kind of viewer. The data fetchers' runs are counted by an instrumentation of this test's own.
 */
@DirtiesContext
class GroupedRenderingTest extends IntegrationTest {

    // language=GraphQL
    private static final String EVENTS = """
            subscription Events($filter: IssueFilter) {
              issueEvents(filter: $filter) {
                kind issueId cursor
                issue { id title status assignee { id name } createdAt updatedAt viewerCanUpdate viewerCanDelete }
              }
            }""";
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TestConfiguration(proxyBeanMethods = false)
    static class Counting {
        @Bean
        FieldFetches fieldFetches() {
            return new FieldFetches();
        }
    }

    /** How often the data fetcher of each field ran, by the field's name. */
    static class FieldFetches implements Instrumentation {
        private final Map<String, AtomicInteger> byField = new ConcurrentHashMap<>();

        @Override
        public FieldFetchingInstrumentationContext beginFieldFetching(InstrumentationFieldFetchParameters parameters,
                InstrumentationState state) {
            byField.computeIfAbsent(parameters.getField().getName(), name -> new AtomicInteger()).incrementAndGet();
            return null;
        }

        int of(String field) {
            return byField.getOrDefault(field, new AtomicInteger()).get();
        }
    }

    @Autowired
    FieldFetches fetches;

    /** One subscription, over either transport: its events' payloads ({@code {data}}). */
    private interface Events extends AutoCloseable {
        JsonNode next(Duration wait);

        @Override
        void close();
    }

    private Events overWebSocket(String token, Map<String, Object> variables) {
        GraphQlWs socket = GraphQlWs.connect(port, token).acknowledged();
        socket.subscribe("events", EVENTS, variables);
        return new Events() {
            @Override
            public JsonNode next(Duration wait) {
                JsonNode message = socket.next(wait);
                return message == null ? null : message.path("payload");
            }

            @Override
            public void close() {
                socket.close();
            }
        };
    }

    private Events overSse(String token) {
        GraphQlSse stream = GraphQlSse.subscribe(port, token, EVENTS, Map.of());
        return new Events() {
            @Override
            public JsonNode next(Duration wait) {
                return stream.next(wait);
            }

            @Override
            public void close() {
                stream.close();
            }
        };
    }

    @Test
    void theAssigneeAnAdminAndOtherMembersEachGetTheirOwnViewerFieldsFromOneExecutionPerKind() {
        var assignee = newUser("Asa Assignee");
        String assigneeToken = gotrue.accessToken(assignee);
        String adminToken = gotrue.accessToken(newAdmin());
        String otherToken = gotrue.accessToken(newUser("Oda Other"));
        String anotherToken = gotrue.accessToken(newUser("Ann Another"));
        Map<String, List<Events>> byKind = new LinkedHashMap<>();
        Events ownVariables = null;
        try {
            // the assignee again, with variables of its own: a group of its own, and its filter applies
            ownVariables = overWebSocket(assigneeToken, Map.of("filter", Map.of("assignedToMe", true)));
            byKind.put("assignee", List.of(overWebSocket(assigneeToken, Map.of()), overSse(assigneeToken)));
            byKind.put("admin", List.of(overWebSocket(adminToken, Map.of()), overSse(adminToken)));
            byKind.put("other", List.of(overWebSocket(otherToken, Map.of()), overSse(otherToken),
                    overWebSocket(anotherToken, Map.of()), overSse(anotherToken)));
            String ready = create(adminToken, "every stream is open");
            byKind.values().forEach(streams -> streams.forEach(events -> eventOf(events, ready)));
            int viewerCanUpdateRuns = fetches.of("viewerCanUpdate");
            int viewerCanDeleteRuns = fetches.of("viewerCanDelete");

            String id = create(assigneeToken, "seen by three kinds of viewer");
            Map<String, List<JsonNode>> got = new LinkedHashMap<>();
            byKind.forEach((kind, streams) -> got.put(kind, streams.stream().map(events -> eventOf(events, id)).toList()));
            JsonNode filtered = ownVariables.next(WAIT).path("data").path("issueEvents");

            assertThat(filtered.path("issueId").asString()).as("not the admin's issue: the filter held").isEqualTo(id);
            assertThat(fetches.of("viewerCanUpdate") - viewerCanUpdateRuns).as("one per kind, one for the own variables")
                    .isEqualTo(4);
            assertThat(fetches.of("viewerCanDelete") - viewerCanDeleteRuns).isEqualTo(4);
            assertThat(viewerFields(got.get("assignee"))).containsOnly("true true");
            assertThat(viewerFields(got.get("admin"))).containsOnly("true true");
            assertThat(viewerFields(got.get("other"))).containsOnly("false false");
            assertThat(viewerFields(List.of(filtered))).containsOnly("true true");
            got.values().forEach(events -> assertThat(events).as("the same answer within a kind").containsOnly(events.get(0)));
            List<JsonNode> everyone = new ArrayList<>(List.of(filtered));
            got.values().forEach(everyone::addAll);
            assertThat(everyone).extracting(GroupedRenderingTest::withoutViewerFields).as("the same answer otherwise")
                    .containsOnly(withoutViewerFields(filtered));
            assertThat(filtered.path("kind").asString()).isEqualTo("CREATED");
            assertThat(filtered.path("issue").path("assignee").path("id").asString()).isEqualTo(assignee.id());
        } finally {
            byKind.values().forEach(streams -> streams.forEach(Events::close));
            if (ownVariables != null) {
                ownVariables.close();
            }
        }
    }

    private static List<String> viewerFields(List<JsonNode> events) {
        return events.stream().map(event -> event.path("issue").path("viewerCanUpdate").asBoolean() + " "
                + event.path("issue").path("viewerCanDelete").asBoolean()).toList();
    }

    private static JsonNode withoutViewerFields(JsonNode event) {
        ObjectNode copy = (ObjectNode) event.deepCopy();
        ((ObjectNode) copy.path("issue")).remove(List.of("viewerCanUpdate", "viewerCanDelete"));
        return copy;
    }

    /** The event about this issue ({@code issueEvents}), skipping any other. */
    private static JsonNode eventOf(Events events, String issueId) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode event = events.next(Duration.ofMillis(200));
            if (event != null && issueId.equals(event.path("data").path("issueEvents").path("issueId").asString())) {
                return event.path("data").path("issueEvents");
            }
        }
        throw new AssertionError("no event about issue " + issueId + " within " + WAIT);
    }

    private String create(String token, String title) {
        return withToken(token).document("mutation($title: String!) { createIssue(input: {title: $title}) { id } }")
                .variable("title", title).execute().path("createIssue.id").entity(String.class).get();
    }
}
