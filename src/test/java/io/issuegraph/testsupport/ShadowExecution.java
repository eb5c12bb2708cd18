package io.issuegraph.testsupport;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.AsyncSerialExecutionStrategy;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategy;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.NonNullableFieldValidator;
import graphql.language.AstPrinter;
import graphql.schema.GraphQLSchema;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;
import org.springframework.graphql.execution.GraphQlSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The proof of sameness over the whole integration suite: every query any test sends, over any
 * transport, also runs through graphql-java's own strategy on a copy of its execution context, and the
 * two answers must be the same JSON (docs/architecture.md#compiled-execution). A disagreement is logged
 * as an ERROR (which fails CI) and fails the test class ({@link ServerTest}). Mutations are not run twice
 * (their effects would be); CompiledExecutionTest and CompiledExecutionDifferentialTest compare them.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ShadowExecution {

    /** The disagreements since the last test class's check ({@link ServerTest}), which empties it. */
    static final List<String> DISAGREEMENTS = new CopyOnWriteArrayList<>();
    private static final Logger LOG = LoggerFactory.getLogger(ShadowExecution.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Set while the reference runs, on its thread: the log hears each request once, from the plan's run. */
    private static final ThreadLocal<Boolean> SILENT = new ThreadLocal<>();

    private static final TurboFilter WHILE_SILENT = new TurboFilter() {
        @Override
        public FilterReply decide(Marker marker, ch.qos.logback.classic.Logger logger, Level level, String format,
                Object[] parameters, Throwable thrown) {
            return SILENT.get() != null ? FilterReply.DENY : FilterReply.NEUTRAL;
        }
    };

    /** Each application start resets Logback's filters: the filter is put back before each use. */
    private static void silence() {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        synchronized (WHILE_SILENT) {
            if (!logging.getTurboFilterList().contains(WHILE_SILENT)) {
                logging.addTurboFilter(WHILE_SILENT);
            }
        }
        SILENT.set(true);
    }

    /** The strategy a test sees behind the comparison. */
    public static ExecutionStrategy compared(ExecutionStrategy strategy) {
        return strategy instanceof Compared compared ? compared.compiled : strategy;
    }

    @Bean
    static BeanPostProcessor queriesRunTwice(ObjectProvider<DataFetcherExceptionResolver> resolvers) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof GraphQlSource source)
                        || source.graphQl().getQueryStrategy() instanceof AsyncSerialExecutionStrategy) {
                    return bean; // plans are off: nothing to compare
                }
                ExecutionStrategy reference = new AsyncSerialExecutionStrategy(
                        DataFetcherExceptionResolver.createExceptionHandler(resolvers.orderedStream().toList()));
                GraphQL shadowed = source.graphQl().transform(builder -> builder.queryExecutionStrategy(
                        new Compared(source.graphQl().getQueryStrategy(), reference)));
                return new GraphQlSource() {
                    @Override
                    public GraphQL graphQl() {
                        return shadowed;
                    }

                    @Override
                    public GraphQLSchema schema() {
                        return source.schema();
                    }
                };
            }
        };
    }

    private static final class Compared extends ExecutionStrategy {

        private final ExecutionStrategy compiled;
        private final ExecutionStrategy reference;

        Compared(ExecutionStrategy compiled, ExecutionStrategy reference) {
            this.compiled = compiled;
            this.reference = reference;
        }

        @Override
        public CompletableFuture<ExecutionResult> execute(ExecutionContext context, ExecutionStrategyParameters parameters) {
            ExecutionResult expected = run(reference, context, parameters);
            ExecutionResult actual = compiled.execute(context, parameters).join();
            String expectedJson = json(expected);
            String actualJson = json(actual);
            if (!expectedJson.equals(actualJson) && !agreeOnARerun(context, parameters)) {
                String disagreement = AstPrinter.printAst(context.getOperationDefinition()) + " with "
                        + context.getCoercedVariables().toMap() + "\n  plan:         " + actualJson
                        + "\n  graphql-java: " + expectedJson;
                DISAGREEMENTS.add(disagreement);
                LOG.error("A compiled plan disagrees with graphql-java on {}", disagreement);
            }
            return CompletableFuture.completedFuture(actual);
        }

        /**
         * Whether both agree when run again: the two runs are moments apart, and another test's write between
         * them (a page read while an issue is created) changes the data, not the answer's rules; a plan's
         * fault disagrees every time.
         */
        private boolean agreeOnARerun(ExecutionContext context, ExecutionStrategyParameters parameters) {
            for (int attempt = 0; attempt < 3; attempt++) {
                if (json(run(reference, context, parameters)).equals(json(run(compiled, context, parameters)))) {
                    return true;
                }
            }
            return false;
        }

        /** A run on a copy of the execution context, its log silenced. */
        private static ExecutionResult run(ExecutionStrategy strategy, ExecutionContext context,
                ExecutionStrategyParameters parameters) {
            // graphql-java adds a null's error through the parameters' validator: one bound to the copy
            ExecutionContext copy = context.transform(builder -> { });
            silence(); // what the reference logs (an unresolved exception, say), the plan's run logs too
            try {
                return strategy.execute(copy, parameters.transform(builder -> builder
                        .nonNullFieldValidator(new NonNullableFieldValidator(copy)))).join();
            } finally {
                SILENT.remove();
            }
        }

        private static String json(ExecutionResult result) {
            return JSON.writeValueAsString(result.toSpecification());
        }
    }
}
