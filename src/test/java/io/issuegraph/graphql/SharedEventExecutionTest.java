package io.issuegraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.execution.SimpleDataFetcherExceptionHandler;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldParameters;
import graphql.execution.instrumentation.parameters.InstrumentationReactiveResultsParameters;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Subscribers of one event, each on a thread of its own as the delivery threads are: one execution per
 * group of the same operation, variables and viewer key, the same JSON for the group, and each group, and
 * each answer with errors, its own.
 */
class SharedEventExecutionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    // language=GraphQL
    private static final String SCHEMA = """
            type Query { unused: String }
            type Subscription { events: Event! }
            type Event { name: String! viewerMayEdit: Boolean! flaky: String }
            """;
    private static final String EVENTS = "subscription ($withFlag: Boolean = true) "
            + "{ events { name viewerMayEdit @include(if: $withFlag) } }";

    /**
     * An event for everyone; the viewer key is the subscriber's {@code group}, or for an event that everyone
     * may edit ({@code stance}: an issue every viewer is assigned, say) that stance; shared only when it has one.
     */
    private record Event(String name, String stance, SharedRenderings renderings) implements SharedEvent {
        Event(String name) {
            this(name, null, new SharedRenderings());
        }

        Event(String name, String stance) {
            this(name, stance, new SharedRenderings());
        }

        @Override
        public Object viewer(GraphQLContext context) {
            return context.get("group");
        }

        @Override
        public Object viewerKey(Object viewer) {
            return viewer == null || stance == null ? viewer : stance;
        }
    }

    private final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();
    private final Scheduler delivery = Schedulers.newParallel("delivery", 8);
    private final List<Sinks.Many<Event>> sources = new ArrayList<>();
    private final List<CompletableFuture<List<ExecutionResult>>> answers = new ArrayList<>();
    private final AtomicBoolean flakyFailsOnce = new AtomicBoolean();
    /** Each subscriber's answers so far. */
    private final List<AtomicInteger> answered = new ArrayList<>();
    /** graphql-java's instrumentation: the events it executed, and the streams it saw begin. */
    private final AtomicInteger eventsExecuted = new AtomicInteger();
    private final AtomicInteger streamsBegun = new AtomicInteger();
    /** The direct deliveries the data fetcher was offered. */
    private final List<DirectDelivery> directs = new ArrayList<>();

    @AfterEach
    void stopDelivering() {
        delivery.dispose();
    }

    private GraphQL graphQl() {
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .type("Subscription", type -> type.dataFetcher("events", environment -> {
                    DirectDelivery direct = DirectDelivery.of(environment.getGraphQlContext());
                    if (direct != null) {
                        directs.add(direct);
                    }
                    return sources.get(environment.getGraphQlContext().<Integer>get("source")).asFlux().publishOn(delivery, 1);
                }))
                .type("Event", type -> type
                        .dataFetcher("viewerMayEdit", environment -> counted(environment, "admin".equals(
                                environment.getGraphQlContext().get("group")) || environment.<Event>getSource().stance() != null))
                        .dataFetcher("flaky", environment -> {
                            if (flakyFailsOnce.getAndSet(false)) {
                                throw new IllegalStateException("failed once");
                            }
                            return counted(environment, "fine");
                        }))
                .build();
        // each request parses its document anew: subscribers are grouped by its text
        return GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SCHEMA), wiring))
                .subscriptionExecutionStrategy(new SharedEventExecution(new SimpleDataFetcherExceptionHandler(), JSON))
                .instrumentation(new SimplePerformantInstrumentation() {
                    @Override
                    public InstrumentationContext<ExecutionResult> beginSubscribedFieldEvent(
                            InstrumentationFieldParameters parameters, InstrumentationState state) {
                        eventsExecuted.incrementAndGet();
                        return super.beginSubscribedFieldEvent(parameters, state);
                    }

                    @Override
                    public InstrumentationContext<Void> beginReactiveResults(InstrumentationReactiveResultsParameters parameters,
                            InstrumentationState state) {
                        streamsBegun.incrementAndGet();
                        return super.beginReactiveResults(parameters, state);
                    }
                })
                .build();
    }

    private <T> T counted(DataFetchingEnvironment environment, T value) {
        fetches.computeIfAbsent(environment.getField().getName(), field -> new AtomicInteger()).incrementAndGet();
        return value;
    }

    /** A subscriber in this group (null: not shared), with this document and these variables. */
    private void subscribe(GraphQL graphQl, String group, String document, Map<String, Object> variables) {
        subscribe(graphQl, group, document, variables, null);
    }

    /** ... whose transport writes its answers with {@code writer}, when there is one. */
    private void subscribe(GraphQL graphQl, String group, String document, Map<String, Object> variables,
            DirectDelivery.Writer writer) {
        var source = Sinks.many().unicast().<Event>onBackpressureBuffer();
        sources.add(source);
        Map<String, Object> context = new java.util.HashMap<>(Map.of("source", sources.size() - 1));
        if (group != null) {
            context.put("group", group);
        }
        if (writer != null) {
            context.put(DirectDelivery.WRITER, writer);
        }
        ExecutionResult subscribed = graphQl.execute(ExecutionInput.newExecutionInput(document).variables(variables)
                .graphQLContext(context).build());
        assertThat(subscribed.getErrors()).isEmpty();
        Publisher<ExecutionResult> events = subscribed.getData();
        var count = new AtomicInteger();
        answered.add(count);
        answers.add(Flux.from(events).doOnNext(answer -> count.incrementAndGet()).collectList().toFuture());
    }

    /** Pushes each event to every subscriber, then ends the streams; each subscriber's answers as JSON. */
    private List<List<String>> deliver(Event... events) {
        for (Event event : events) {
            sources.forEach(source -> source.tryEmitNext(event));
        }
        sources.forEach(Sinks.Many::tryEmitComplete);
        return answers.stream().map(answer -> answer.orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join().stream()
                .map(result -> JSON.writeValueAsString(result.toSpecification())).toList()).toList();
    }

    @Test
    void theSubscribersOfAGroupShareOneExecutionAndTheSameJson() {
        GraphQL graphQl = graphQl();
        IntStream.range(0, 20).forEach(i -> subscribe(graphQl, "admin", EVENTS, Map.of()));

        List<List<String>> got = deliver(new Event("first"), new Event("second"), new Event("third"));

        assertThat(fetches.get("viewerMayEdit")).hasValue(3);
        assertThat(got).allSatisfy(answers -> assertThat(answers).containsExactly(
                "{\"data\":{\"events\":{\"name\":\"first\",\"viewerMayEdit\":true}}}",
                "{\"data\":{\"events\":{\"name\":\"second\",\"viewerMayEdit\":true}}}",
                "{\"data\":{\"events\":{\"name\":\"third\",\"viewerMayEdit\":true}}}"));
    }

    @Test
    void anotherViewerKeyDocumentOrVariablesIsAnotherGroup() {
        GraphQL graphQl = graphQl();
        subscribe(graphQl, "admin", EVENTS, Map.of());
        subscribe(graphQl, "admin", EVENTS, Map.of());
        subscribe(graphQl, "other", EVENTS, Map.of());
        subscribe(graphQl, "other", EVENTS, Map.of());
        subscribe(graphQl, "admin", EVENTS, Map.of("withFlag", false));
        subscribe(graphQl, "admin", "subscription { events { viewerMayEdit } }", Map.of());

        List<List<String>> got = deliver(new Event("one"));

        assertThat(fetches.get("viewerMayEdit")).hasValue(3); // admin, other, and the other document
        assertThat(got).extracting(answers -> answers.get(0)).containsExactly(
                "{\"data\":{\"events\":{\"name\":\"one\",\"viewerMayEdit\":true}}}",
                "{\"data\":{\"events\":{\"name\":\"one\",\"viewerMayEdit\":true}}}",
                "{\"data\":{\"events\":{\"name\":\"one\",\"viewerMayEdit\":false}}}",
                "{\"data\":{\"events\":{\"name\":\"one\",\"viewerMayEdit\":false}}}",
                "{\"data\":{\"events\":{\"name\":\"one\"}}}",
                "{\"data\":{\"events\":{\"viewerMayEdit\":true}}}");
    }

    /** A subscriber's key may differ from one event to the next: each event groups it by that event's. */
    @Test
    void eachEventGroupsItsSubscribersByTheirKeyForThatEvent() {
        GraphQL graphQl = graphQl();
        subscribe(graphQl, "admin", EVENTS, Map.of());
        subscribe(graphQl, "admin", EVENTS, Map.of());
        subscribe(graphQl, "other", EVENTS, Map.of());

        List<List<String>> got = deliver(new Event("one"), new Event("two", "everyone's"), new Event("three"));

        assertThat(fetches.get("viewerMayEdit")).hasValue(2 + 1 + 2);
        String mayEditOne = "{\"data\":{\"events\":{\"name\":\"one\",\"viewerMayEdit\":%s}}}";
        String mayEditTwo = "{\"data\":{\"events\":{\"name\":\"two\",\"viewerMayEdit\":true}}}";
        String mayEditThree = "{\"data\":{\"events\":{\"name\":\"three\",\"viewerMayEdit\":%s}}}";
        assertThat(got).containsExactly(
                List.of(mayEditOne.formatted(true), mayEditTwo, mayEditThree.formatted(true)),
                List.of(mayEditOne.formatted(true), mayEditTwo, mayEditThree.formatted(true)),
                List.of(mayEditOne.formatted(false), mayEditTwo, mayEditThree.formatted(false)));
    }

    @Test
    void anEventWithoutAViewerKeyIsExecutedForEachSubscriber() {
        GraphQL graphQl = graphQl();
        IntStream.range(0, 4).forEach(i -> subscribe(graphQl, null, EVENTS, Map.of()));

        deliver(new Event("own"));

        assertThat(fetches.get("viewerMayEdit")).hasValue(4);
    }

    /**
     * A member whose group's rendering is made by the time its event comes gets it without an execution of
     * its own, under the key it asked for, as graphql-java's execution would have answered.
     */
    @Test
    void aMemberAnsweredWithAMadeRenderingIsNotExecuted() {
        GraphQL graphQl = graphQl();
        String aliased = "subscription { e: events { name viewerMayEdit } }";
        IntStream.range(0, 5).forEach(i -> subscribe(graphQl, "admin", aliased, Map.of()));
        var event = new Event("once");
        sources.get(0).tryEmitNext(event);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> answered.get(0).get() == 1);
        sources.subList(1, sources.size()).forEach(source -> source.tryEmitNext(event));

        List<List<String>> got = deliver();

        assertThat(got).allSatisfy(answers -> assertThat(answers).containsExactly(
                "{\"data\":{\"e\":{\"name\":\"once\",\"viewerMayEdit\":true}}}"));
        assertThat(eventsExecuted).as("graphql-java's executions of the event").hasValue(1);
        assertThat(fetches.get("viewerMayEdit")).hasValue(1);
        assertThat(streamsBegun).as("each stream instrumented as graphql-java's own strategy does").hasValue(5);
    }

    /**
     * Over a transport that writes answers itself, the subscription's data fetcher is offered a direct
     * delivery, which answers as the chain does, sharing the group's rendering with the chain's members.
     */
    @Test
    void aDirectDeliveryAnswersAsTheChainDoes() {
        GraphQL graphQl = graphQl();
        List<String> written = new ArrayList<>();
        var writer = new DirectDelivery.Writer() {
            @Override
            public Object connection() {
                return "the connection";
            }

            @Override
            public void next(ExecutionResult answer) {
                written.add(JSON.writeValueAsString(answer.toSpecification()));
            }
        };
        subscribe(graphQl, "admin", EVENTS, Map.of());
        subscribe(graphQl, "admin", EVENTS, Map.of(), writer);
        subscribe(graphQl, "other", EVENTS, Map.of(), writer);
        assertThat(directs).as("offered only where the transport writes").hasSize(2)
                .allSatisfy(direct -> assertThat(direct.connection()).isEqualTo("the connection"));
        var event = new Event("direct");

        directs.forEach(direct -> direct.deliver(event)); // as the connection's writer does, on one thread
        List<List<String>> chain = deliver(event);

        assertThat(written).containsExactly(chain.get(1).get(0), chain.get(2).get(0));
        assertThat(written.get(1)).isEqualTo("{\"data\":{\"events\":{\"name\":\"direct\",\"viewerMayEdit\":false}}}");
        assertThat(fetches.get("viewerMayEdit")).as("once per group, whichever way it went").hasValue(2);
    }

    /** The first of the group meets an error: its answer is its own, and the others execute theirs. */
    @Test
    void anAnswerWithErrorsIsNotShared() {
        GraphQL graphQl = graphQl();
        flakyFailsOnce.set(true);
        String flaky = "subscription { events { name flaky } }";
        subscribe(graphQl, "other", flaky, Map.of());
        subscribe(graphQl, "other", flaky, Map.of());
        subscribe(graphQl, "other", flaky, Map.of());

        List<String> got = deliver(new Event("e")).stream().map(answers -> answers.get(0)).toList();

        assertThat(got).filteredOn(answer -> answer.contains("failed once")).hasSize(1)
                .allSatisfy(failed -> assertThat(failed).contains("\"flaky\":null"));
        assertThat(got).filteredOn(answer -> !answer.contains("errors")).hasSize(2)
                .allSatisfy(answer -> assertThat(answer).isEqualTo("{\"data\":{\"events\":{\"name\":\"e\",\"flaky\":\"fine\"}}}"));
        // the two others: one executed after the failure, and shared with the last, or each its own
        assertThat(fetches.get("flaky").get()).isBetween(1, 2);
    }

    /**
     * An event's renderings are kept with it: a subscriber that gets the event later is sent its group's
     * rendering, and another event, however alike, is executed anew.
     */
    @Test
    void theRenderingsLiveWithTheirEvent() {
        GraphQL graphQl = graphQl();
        subscribe(graphQl, "admin", EVENTS, Map.of());
        var event = new Event("kept");
        deliver(event);
        sources.clear();
        answers.clear();
        subscribe(graphQl, "admin", EVENTS, Map.of());

        List<List<String>> got = deliver(event, new Event("kept"));

        assertThat(fetches.get("viewerMayEdit")).hasValue(2); // the first event once, its look-alike once
        assertThat(got.get(0)).containsOnly("{\"data\":{\"events\":{\"name\":\"kept\",\"viewerMayEdit\":true}}}");
    }
}
