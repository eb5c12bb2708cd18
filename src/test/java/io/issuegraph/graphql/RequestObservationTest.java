package io.issuegraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.DataFetcher;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.springframework.graphql.observation.DefaultExecutionRequestObservationConvention;
import org.springframework.graphql.observation.ExecutionRequestObservationContext;
import reactor.core.publisher.Flux;

/**
 * The {@code graphql.request} observation: recorded for every operation; current while a query's data
 * fetchers run; not carried by a subscription's stream, and let go while the subscription stays open
 * (graphql-java keeps the execution's state for the subscription's life).
 */
class RequestObservationTest {

    // language=GraphQL
    private static final String SCHEMA = """
            type Query { ping: String }
            type Subscription { ticks: Int }
            """;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ObservationRegistry observations = ObservationRegistry.create();
    /** The contexts of the request observations started, held weakly. */
    private final List<WeakReference<Observation.Context>> started = new CopyOnWriteArrayList<>();
    /** The observation current as each data fetcher ran (empty when none was). */
    private final List<Optional<Observation>> current = new CopyOnWriteArrayList<>();
    private final GraphQL graphQl;

    RequestObservationTest() {
        observations.observationConfig()
                .observationHandler(new DefaultMeterObservationHandler(meters))
                .observationHandler(new ObservationHandler<>() {
                    @Override
                    public void onStart(Observation.Context context) {
                        started.add(new WeakReference<>(context));
                    }

                    @Override
                    public boolean supportsContext(Observation.Context context) {
                        return context instanceof ExecutionRequestObservationContext;
                    }
                });
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .type("Query", type -> type.dataFetcher("ping", noting(environment -> "pong")))
                .type("Subscription", type -> type.dataFetcher("ticks", noting(environment -> Flux.just(1, 2))))
                .build();
        graphQl = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SCHEMA), wiring))
                .instrumentation(new GraphQlMetrics.RequestObservation(observations,
                        new DefaultExecutionRequestObservationConvention()))
                .build();
    }

    private DataFetcher<Object> noting(DataFetcher<Object> fetcher) {
        return environment -> {
            current.add(Optional.ofNullable(environment.getGraphQlContext().get(ObservationThreadLocalAccessor.KEY)));
            return fetcher.get(environment);
        };
    }

    @Test
    void aQuerysDataFetchersRunUnderTheRequestsObservation() {
        Observation outer = Observation.start("http.server.requests", observations);
        ExecutionInput input = ExecutionInput.newExecutionInput("{ ping }")
                .graphQLContext(new HashMap<>(Map.of(ObservationThreadLocalAccessor.KEY, outer))).build();

        assertThat(graphQl.execute(input).<Object>getData()).isEqualTo(Map.of("ping", "pong"));

        Observation request = current.get(0).orElseThrow();
        assertThat(request.getContext().getName()).isEqualTo("graphql.request");
        assertThat(request.getContext().getParentObservation()).isSameAs(outer);
        assertThat(meters.get("graphql.request").timer().count()).isEqualTo(1);
        outer.stop();
    }

    @Test
    void anOpenSubscriptionNoLongerHoldsItsRecordedObservation() throws InterruptedException {
        ExecutionResult result = graphQl.execute("subscription { ticks }");
        Publisher<ExecutionResult> stream = result.getData();

        assertThat(meters.get("graphql.request").timer().count()).isEqualTo(1);
        assertThat(started).hasSize(1);
        for (int i = 0; i < 50 && started.get(0).get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(started.get(0).get()).as("the stopped observation's context, still reachable from the open subscription")
                .isNull();
        // the subscription itself is intact
        assertThat(Flux.from(stream).map(ExecutionResult::getData).collectList().block())
                .containsExactly(Map.of("ticks", 1), Map.of("ticks", 2));
    }

    @Test
    void aSubscriptionsStreamIsMadeUnderTheObservationTheRequestCameInWith() {
        Observation outer = Observation.start("http.server.requests", observations);
        ExecutionInput input = ExecutionInput.newExecutionInput("subscription { ticks }")
                .graphQLContext(new HashMap<>(Map.of(ObservationThreadLocalAccessor.KEY, outer))).build();

        graphQl.execute(input);

        assertThat(current).containsExactly(Optional.of(outer));
        assertThat(started.get(0).get().getParentObservation()).isSameAs(outer);
        assertThat(input.getGraphQLContext().<Object>get(ObservationThreadLocalAccessor.KEY)).isSameAs(outer);
        outer.stop();
    }

    @Test
    void withoutAnOuterObservationNoneIsLeftCurrent() {
        ExecutionInput input = ExecutionInput.newExecutionInput("subscription { ticks }").build();

        graphQl.execute(input);

        assertThat(current).containsExactly(Optional.empty());
        assertThat(input.getGraphQLContext().hasKey(ObservationThreadLocalAccessor.KEY)).isFalse();
        assertThat(meters.get("graphql.request").timer().count()).isEqualTo(1);
    }
}
