package io.issuegraph.graphql;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * How operations run, for GraphQL slice tests ({@link io.issuegraph.testsupport.GraphQlSliceTest}): the
 * scalars, the document cache and persisted documents, one root field at a time, and the compiled plans,
 * and documents that do not fit the schema classified BAD_REQUEST, as the server runs them. The slice
 * finds the exception resolvers and the request limits by their types.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(GraphQlApiProperties.class)
@Import({GraphQlConfiguration.class, GraphQlLimitsConfiguration.class, PersistedDocuments.class, RequestErrorClassification.class})
public class GraphQlExecution {
}
