package io.issuegraph.graphql.plan;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AsyncSerialExecutionStrategy;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherResult;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.ExecutionStrategy;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.scalars.ExtendedScalars;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.issuegraph.testsupport.Fuzz;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Proof of sameness: documents run through graphql-java's executor and through compiled plans must give
 * byte-identical answers (data, errors with paths, locations and extensions). The schema is the real
 * one; its data fetchers answer from a seeded world in every way graphql-java knows (values, nulls at
 * every depth, exceptions thrown and in failed futures, {@link DataFetcherResult}s with errors and local
 * contexts, futures, {@link Optional}s, values a scalar, an enum or a list cannot serialise), and the
 * strings they return describe the environment they were called with (path, arguments, local context,
 * the step info's parent, the field's key and selection), so a plan that calls a resolver differently
 * disagrees too. Repeat a failing run with {@code -Dfuzz.seed=…}.
 */
class CompiledExecutionDifferentialTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int DOCUMENTS = 2_000;

    private final AtomicInteger fallbacks = new AtomicInteger();
    private long caseSeed;

    @Test
    void generatedDocumentsGiveTheSameAnswers() {
        Fuzz fuzz = Fuzz.seeded("CompiledExecutionDifferentialTest");
        GraphQLSchema schema = schema();
        GraphQL reference = graphQl(schema, false);
        GraphQL compiled = graphQl(schema, true);
        DocumentGenerator documents = new DocumentGenerator(schema, fuzz.seed());
        int cases = 0;
        int executed = 0;
        int withErrors = 0;
        for (int i = 0; i < DOCUMENTS; i++) {
            DocumentGenerator.Case generated = documents.next();
            for (Map<String, Object> variables : generated.variables()) {
                caseSeed = fuzz.seed() * 31 + i;
                String expected = answer(reference, generated.document(), variables);
                String actual = answer(compiled, generated.document(), variables);
                assertThat(actual).as("seed %d, document %d: %s with %s", fuzz.seed(), i, generated.document(), variables)
                        .isEqualTo(expected);
                cases++;
                executed += expected.contains("\"data\"") ? 1 : 0;
                withErrors += expected.contains("\"errors\"") ? 1 : 0;
            }
        }
        // the generator makes valid documents that run (a few variable sets are refused, as it means them
        // to be), and the world makes errors in many of them
        assertThat(executed).as("cases that ran, of %d", cases).isGreaterThan(cases * 8 / 10);
        assertThat(withErrors).isGreaterThan(DOCUMENTS / 2);
        assertThat(fallbacks).as("documents the plans did not cover").hasValue(0);
    }

    @Test
    void theWebPagesOperationsGiveTheSameAnswers() throws IOException {
        Map<String, String> documents = JSON.readValue(Files.readString(Path.of("client-examples/web/src/gql/persisted-documents.json")),
                new TypeReference<Map<String, String>>() { });
        GraphQLSchema schema = schema();
        GraphQL reference = graphQl(schema, false);
        GraphQL compiled = graphQl(schema, true);
        List<Map<String, Object>> variableSets = List.of(Map.of(), Map.of("first", 20, "id", "7",
                "input", Map.of("title", "Fix the login"), "filter", Map.of("status", List.of("TODO"), "assignedToMe", true)));
        assertThat(documents).isNotEmpty();
        for (String document : documents.values()) {
            for (int seed = 0; seed < 200; seed++) {
                caseSeed = seed;
                for (Map<String, Object> variables : variableSets) {
                    assertThat(answer(compiled, document, variables)).as("%s with seed %d", document, seed)
                            .isEqualTo(answer(reference, document, variables));
                }
            }
        }
        assertThat(fallbacks).hasValue(0);
    }

    @Test
    void introspectionFallsBackToGraphQlJava() {
        GraphQLSchema schema = schema();
        String document = "{ __schema { queryType { name } } __typename }";
        assertThat(answer(graphQl(schema, true), document, Map.of())).isEqualTo(answer(graphQl(schema, false), document, Map.of()));
        assertThat(fallbacks).hasValue(1);
    }

    private String answer(GraphQL graphQl, String document, Map<String, Object> variables) {
        ExecutionResult result = graphQl.execute(ExecutionInput.newExecutionInput(document).variables(variables).root(Map.of()));
        return JSON.writeValueAsString(result.toSpecification());
    }

    private GraphQL graphQl(GraphQLSchema schema, boolean compiledPlans) {
        DataFetcherExceptionHandler handler = DataFetcherExceptionResolver.createExceptionHandler(List.of(new WorldErrors()));
        ExecutionStrategy queries = new AsyncSerialExecutionStrategy(handler);
        ExecutionStrategy mutations = new AsyncSerialExecutionStrategy(handler);
        GraphQL.Builder builder = GraphQL.newGraphQL(schema);
        if (compiledPlans) {
            ExecutionPlans plans = new ExecutionPlans(100);
            queries = plans.strategy(counted(queries), handler);
            mutations = plans.strategy(counted(mutations), handler);
            // parsed once, as the server's document cache does, so that plans are reused across variables
            builder.preparsedDocumentProvider(new Cached());
        }
        return builder.queryExecutionStrategy(queries).mutationExecutionStrategy(mutations).build();
    }

    private ExecutionStrategy counted(ExecutionStrategy strategy) {
        return new ExecutionStrategy() {
            @Override
            public CompletableFuture<ExecutionResult> execute(ExecutionContext context, ExecutionStrategyParameters parameters) {
                fallbacks.incrementAndGet();
                return strategy.execute(context, parameters);
            }
        };
    }

    private static final class Cached implements PreparsedDocumentProvider {

        private final Map<String, PreparsedDocumentEntry> documents = new ConcurrentHashMap<>();

        @Override
        public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
                Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
            return CompletableFuture.completedFuture(documents.computeIfAbsent(input.getQuery(), query -> parseAndValidate.apply(input)));
        }
    }

    /** The real schema, every field answered from the world: half by a fetcher of the world, half by graphql-java's property fetcher. */
    private GraphQLSchema schema() {
        try {
            TypeDefinitionRegistry types = new SchemaParser().parse(Files.readString(Path.of("schema/issues.graphqls")));
            RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring().scalar(ExtendedScalars.DateTime);
            GraphQLSchema plain = new SchemaGenerator().makeExecutableSchema(types, wiring.build());
            for (GraphQLObjectType type : List.of(plain.getQueryType(), plain.getMutationType())) {
                wiring.type(type.getName(), builder -> builder.defaultDataFetcher(this::fetch));
            }
            for (var type : plain.getAllTypesAsList()) {
                if (type instanceof GraphQLObjectType object && !object.getName().startsWith("__")
                        && object != plain.getQueryType() && object != plain.getMutationType() && object != plain.getSubscriptionType()) {
                    wiring.type(object.getName(), builder -> {
                        for (GraphQLFieldDefinition field : object.getFieldDefinitions()) {
                            if (!byProperty(object, field)) {
                                builder.dataFetcher(field.getName(), this::fetch);
                            }
                        }
                        return builder;
                    });
                }
            }
            return new SchemaGenerator().makeExecutableSchema(types, wiring.build());
        } catch (IOException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    private static boolean byProperty(GraphQLObjectType type, GraphQLFieldDefinition field) {
        return Math.floorMod((type.getName() + "." + field.getName()).hashCode(), 2) == 0;
    }

    /** A world's answer for a field: decided by the case and the path alone, so both executors get the same. */
    private Object fetch(DataFetchingEnvironment environment) {
        ExecutionStepInfo info = environment.getExecutionStepInfo();
        Random random = new Random(caseSeed * 31 + info.getPath().toString().hashCode());
        int roll = random.nextInt(100);
        String where = info.getPath().toString();
        if (roll < 4) {
            throw new WorldException(random.nextBoolean(), "thrown at " + where);
        }
        if (roll < 7) {
            return CompletableFuture.failedFuture(new WorldException(random.nextBoolean(), "failed at " + where));
        }
        if (roll < 13) {
            return null;
        }
        Object value = value(environment.getFieldType(), random, environment);
        if (roll < 20) {
            GraphQLError error = GraphqlErrorBuilder.newError(environment).message("partial at " + where)
                    .extensions(Map.of("roll", roll)).build();
            return DataFetcherResult.newResult().data(value).error(error)
                    .localContext(random.nextBoolean() ? "context of " + where : null).build();
        }
        if (roll < 25) {
            return CompletableFuture.completedFuture(value);
        }
        return roll < 28 ? Optional.ofNullable(value) : value;
    }

    private Object value(GraphQLOutputType type, Random random, DataFetchingEnvironment environment) {
        if (type instanceof GraphQLNonNull nonNull) {
            return value((GraphQLOutputType) nonNull.getWrappedType(), random, environment);
        }
        if (type instanceof GraphQLList list) {
            if (random.nextInt(30) == 0) {
                return "not a list";
            }
            List<Object> elements = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                elements.add(random.nextInt(10) == 0 ? null : value((GraphQLOutputType) list.getWrappedType(), random, environment));
            }
            return elements;
        }
        if (type instanceof GraphQLObjectType object) {
            // what graphql-java's property fetcher reads for the fields without a world fetcher
            Map<String, Object> properties = new LinkedHashMap<>();
            for (GraphQLFieldDefinition field : object.getFieldDefinitions()) {
                if (byProperty(object, field) && random.nextInt(8) != 0) {
                    properties.put(field.getName(), value(field.getType(), random, environment));
                }
            }
            return properties;
        }
        boolean unserialisable = random.nextInt(30) == 0;
        if (type instanceof GraphQLEnumType enumType) {
            return unserialisable ? "NOPE" : enumType.getValues().get(random.nextInt(enumType.getValues().size())).getName();
        }
        return switch (((GraphQLScalarType) type).getName()) {
            case "Int" -> unserialisable ? "not an int" : random.nextInt(1000);
            case "Boolean" -> unserialisable ? "maybe" : random.nextBoolean();
            case "DateTime" -> unserialisable ? "yesterday"
                    : OffsetDateTime.of(2026, 1 + random.nextInt(12), 1 + random.nextInt(28), 10, 15, 30, 123_000_000, ZoneOffset.UTC);
            default -> describe(environment);
        };
    }

    /** What the resolver was called with: what a plan must give it as graphql-java does. */
    private static String describe(DataFetchingEnvironment environment) {
        ExecutionStepInfo info = environment.getExecutionStepInfo();
        return info.getPath() + " key=" + environment.getField().getResultKey()
                + " fields=" + environment.getMergedField().getFields().size()
                + " args=" + environment.getArguments() + " local=" + environment.getLocalContext()
                + " parent=" + (environment.getSource() instanceof Map<?, ?> map ? map.keySet() : environment.getSource())
                + " parentInfo=" + info.getParent().getPath() + ":" + GraphQLTypeUtil.simplePrint(info.getParent().getType())
                + " type=" + GraphQLTypeUtil.simplePrint(info.getType()) + " container=" + info.getObjectType().getName()
                + " parentType=" + ((GraphQLObjectType) environment.getParentType()).getName();
    }

    private static final class WorldException extends RuntimeException {

        private final boolean clientError;

        WorldException(boolean clientError, String message) {
            super(message);
            this.clientError = clientError;
        }
    }

    /** As the server's resolvers do: a classified error with the field's path and location. */
    private static final class WorldErrors extends DataFetcherExceptionResolverAdapter {

        @Override
        protected GraphQLError resolveToSingleError(Throwable exception, DataFetchingEnvironment environment) {
            if (exception instanceof WorldException world) {
                return GraphqlErrorBuilder.newError(environment).message(world.getMessage())
                        .errorType(world.clientError ? ErrorType.BAD_REQUEST : ErrorType.INTERNAL_ERROR).build();
            }
            return null;
        }
    }
}
