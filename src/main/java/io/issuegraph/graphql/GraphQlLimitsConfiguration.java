package io.issuegraph.graphql;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AsyncSerialExecutionStrategy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;

/** graphql-java's depth and complexity limits, and how much of the connection pool one request may hold. */
@Configuration(proxyBeanMethods = false)
class GraphQlLimitsConfiguration {

    @Bean
    MaxQueryDepthInstrumentation maxQueryDepth(GraphQlApiProperties limits) {
        return new MaxQueryDepthInstrumentation(limits.maxDepth());
    }

    /** A field counts once, plus its selection once per requested row: {@code first} multiplies. */
    @Bean
    MaxQueryComplexityInstrumentation maxQueryComplexity(GraphQlApiProperties limits) {
        return new MaxQueryComplexityInstrumentation(limits.maxComplexity(), (field, childComplexity) ->
                1 + (field.getArguments().get("first") instanceof Integer rows && rows > 1 ? rows : 1) * childComplexity);
    }

    /**
     * Top-level query fields run one after another, as mutation fields always do: each may query the
     * database, and run side by side they would take as many pool connections as the request has fields.
     * Nested fields stay concurrent. Also installs the document cache and persisted documents.
     */
    @Bean
    GraphQlSourceBuilderCustomizer oneRootFieldAtATime(ObjectProvider<DataFetcherExceptionResolver> resolvers,
            PersistedDocuments documents) {
        return builder -> builder.configureGraphQl(graphQl -> graphQl
                .queryExecutionStrategy(new AsyncSerialExecutionStrategy(
                        DataFetcherExceptionResolver.createExceptionHandler(resolvers.orderedStream().toList())))
                .preparsedDocumentProvider(documents));
    }
}
