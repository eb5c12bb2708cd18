package io.issuegraph.graphql;

import graphql.execution.AsyncSerialExecutionStrategy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;

/** How much of the connection pool one request may hold, and where documents come from. */
@Configuration(proxyBeanMethods = false)
class GraphQlLimitsConfiguration {

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
