package io.issuegraph.testsupport;

import io.issuegraph.graphql.GraphQlExecution;
import io.issuegraph.identity.Callers;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.graphql.test.autoconfigure.GraphQlTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.test.tester.WebGraphQlTester;
import org.springframework.test.context.TestPropertySource;

/**
 * A GraphQL slice (docs/testing.md#graphql-slices): the given controllers with the real schema, method
 * security, the exception resolvers, the request limits and compiled execution, called in-process
 * through the GraphQL interceptors that are not the transport's, by a {@link WebGraphQlTester}. No server,
 * no database: what a controller needs beyond that, the test provides. The caller comes from
 * {@link io.issuegraph.identity.WithCaller}; full-server tests ({@link IntegrationTest}) keep what depends
 * on a transport.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@GraphQlTest
// the identity settings are bound (they hold the required role); no token is verified in a slice
@TestPropertySource(properties = "issuegraph.identity.url=http://localhost:1")
@Import({GraphQlExecution.class, Callers.class, GraphQlSliceTest.Tester.class})
public @interface GraphQlSliceTest {

    @AliasFor(annotation = GraphQlTest.class, attribute = "controllers")
    Class<?>[] controllers() default {};

    @AliasFor(annotation = GraphQlTest.class, attribute = "properties")
    String[] properties() default {};

    /** The tester, over the same interceptor chain a request meets after its transport. */
    @TestConfiguration(proxyBeanMethods = false)
    class Tester {

        @Bean
        WebGraphQlTester webGraphQlTester(ExecutionGraphQlService service, ObjectProvider<WebGraphQlInterceptor> interceptors) {
            return WebGraphQlTester.builder(WebGraphQlHandler.builder(service)
                    .interceptors(interceptors.orderedStream().toList()).build()).build();
        }
    }
}
