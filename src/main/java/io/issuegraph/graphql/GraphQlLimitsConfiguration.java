package io.issuegraph.graphql;

import graphql.execution.AsyncSerialExecutionStrategy;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.ExecutionStrategy;
import io.issuegraph.graphql.plan.ExecutionPlans;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;
import tools.jackson.databind.json.JsonMapper;

/** How operations run: where documents come from, one root field at a time, and compiled plans. */
@Configuration(proxyBeanMethods = false)
class GraphQlLimitsConfiguration {

    /**
     * Top-level query fields run one after another, as mutation fields always do: each may query the
     * database, and run side by side they would take as many pool connections as the request has fields.
     * Also installs the document cache and persisted documents. Queries and mutations run through
     * compiled plans where they cover the operation ({@code ISSUEGRAPH_GRAPHQL_COMPILED_EXECUTION},
     * docs/architecture.md#compiled-execution), with the same exception handler. So do the events of
     * subscriptions, each shared one executed once per group of its subscribers ({@link SharedEventExecution}).
     */
    @Bean
    GraphQlSourceBuilderCustomizer execution(ObjectProvider<DataFetcherExceptionResolver> resolvers,
            PersistedDocuments documents, GraphQlApiProperties properties, JsonMapper json) {
        return builder -> builder.configureGraphQl(graphQl -> {
            DataFetcherExceptionHandler handler = DataFetcherExceptionResolver.createExceptionHandler(
                    resolvers.orderedStream().toList());
            ExecutionStrategy queries = new AsyncSerialExecutionStrategy(handler);
            ExecutionStrategy mutations = new AsyncSerialExecutionStrategy(handler);
            if (properties.compiledExecution()) {
                ExecutionPlans plans = new ExecutionPlans(properties.documentCacheSize());
                queries = plans.strategy(queries, handler);
                mutations = plans.strategy(mutations, handler);
            }
            var subscriptions = new SharedEventExecution(handler, json);
            graphQl.queryExecutionStrategy(queries).mutationExecutionStrategy(mutations)
                    .subscriptionExecutionStrategy(subscriptions).preparsedDocumentProvider(documents);
        });
    }
}
