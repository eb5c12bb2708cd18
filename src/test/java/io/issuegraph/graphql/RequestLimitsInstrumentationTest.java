package io.issuegraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Depth, complexity and paginated fields, measured in one walk, then the operation checks, before anything runs. */
class RequestLimitsInstrumentationTest {

    private static final String SCHEMA = """
            type Query { node: Node, nodes(first: Int): [Node], totalCount: Int }
            type Node { id: ID, child: Node, children(first: Int): [Node] }
            """;

    private final List<String> checked = new ArrayList<>();
    private final List<String> fetched = new ArrayList<>();

    private ExecutionResult run(String document, int maxDepth, int maxComplexity, int maxPaginated) {
        OperationCheck check = operation -> checked.add(operation.getOperationDefinition().getOperation().name());
        return run(document, maxDepth, maxComplexity, maxPaginated, check);
    }

    private ExecutionResult run(String document, int maxDepth, int maxComplexity, int maxPaginated, OperationCheck check) {
        var limits = new GraphQlApiProperties(DataSize.ofKilobytes(100), 20_000, 2_000, 150, maxDepth, maxComplexity, 15, 5,
                500, 10, maxPaginated, 1, 10, null, true);
        var wiring = RuntimeWiring.newRuntimeWiring().type("Query", type -> type.defaultDataFetcher(environment -> {
            fetched.add(environment.getField().getName());
            return null;
        })).build();
        var schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SCHEMA), wiring);
        return GraphQL.newGraphQL(schema).instrumentation(new RequestLimitsInstrumentation(limits, List.of(check))).build()
                .execute(document);
    }

    private static String message(ExecutionResult result) {
        assertThat(result.getErrors()).hasSize(1);
        assertThat(result.getErrors().get(0).getErrorType()).hasToString("BAD_REQUEST");
        return result.getErrors().get(0).getMessage();
    }

    @Test
    void depthCountsFieldLevels() {
        assertThat(run("{ node { child { child { id } } } }", 4, 100, 4).getErrors()).isEmpty();
        assertThat(message(run("{ node { child { child { child { id } } } } }", 4, 100, 4)))
                .isEqualTo("maximum query depth exceeded 5 > 4");
        assertThat(checked).containsExactly("QUERY");
        assertThat(fetched).containsExactly("node");
    }

    @Test
    void complexityMultipliesASelectionByFirst() {
        // nodes: 1 + 10 × (id 1 + children(1 + 3 × id 1) = 5) = 51
        String document = "{ nodes(first: 10) { id children(first: 3) { id } } }";
        assertThat(run(document, 10, 51, 4).getErrors()).isEmpty();
        assertThat(message(run(document, 10, 50, 4))).isEqualTo("maximum query complexity exceeded 51 > 50");
    }

    /**
     * An operation's size is measured once, where it reads no variable; where {@code first} or a condition
     * reads one, it is measured for each request's variables. One instrumentation and one parsed document,
     * as with the server's document cache.
     */
    @Test
    void aSizeThatVariablesChangeIsMeasuredForEachRequest() {
        var limits = new GraphQlApiProperties(DataSize.ofKilobytes(100), 20_000, 2_000, 150, 10, 20, 15, 5,
                500, 10, 4, 1, 10, null, true);
        var schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SCHEMA), RuntimeWiring.newRuntimeWiring()
                .build());
        Map<String, PreparsedDocumentEntry> parsed = new HashMap<>();
        GraphQL graphQl = GraphQL.newGraphQL(schema).instrumentation(new RequestLimitsInstrumentation(limits, List.of()))
                .preparsedDocumentProvider((input, parse) -> CompletableFuture.completedFuture(
                        parsed.computeIfAbsent(input.getQuery(), query -> parse.apply(input)))).build();
        String byFirst = "query($n: Int) { nodes(first: $n) { id } }";
        String byCondition = "query($deep: Boolean!) { nodes(first: 10) { id children(first: 5) @include(if: $deep) { id } } }";
        String constant = "{ nodes(first: 30) { id } }";
        for (int round = 0; round < 2; round++) {
            assertThat(graphQl.execute(input(byFirst, Map.of("n", 5))).getErrors()).isEmpty();
            assertThat(message(graphQl.execute(input(byFirst, Map.of("n", 30))))).startsWith("maximum query complexity exceeded");
            assertThat(graphQl.execute(input(byCondition, Map.of("deep", false))).getErrors()).isEmpty();
            assertThat(message(graphQl.execute(input(byCondition, Map.of("deep", true))))).startsWith("maximum query complexity");
            assertThat(message(graphQl.execute(constant))).startsWith("maximum query complexity exceeded 31 > 20");
        }
    }

    private static ExecutionInput input(String document, Map<String, Object> variables) {
        return ExecutionInput.newExecutionInput(document).variables(variables).build();
    }

    @Test
    void paginatedFieldsAreListsAndCounts() {
        assertThat(message(run("{ nodes(first: 1) { id } totalCount node { children { id } } }", 10, 100, 2)))
                .startsWith("The operation asks for more than 2 lists or counts");
        assertThat(fetched).isEmpty();
    }

    @Test
    void aRefusingCheckStopsTheOperationBeforeAnyFieldRuns() {
        ExecutionResult result = run("{ node { id } }", 10, 100, 4,
                operation -> RequestLimitsInstrumentation.refuse("not this one"));
        assertThat(message(result)).isEqualTo("not this one");
        assertThat(fetched).isEmpty();
        assertThat(result.getData() == null || ((Map<?, ?>) result.getData()).isEmpty()).isTrue();
    }
}
