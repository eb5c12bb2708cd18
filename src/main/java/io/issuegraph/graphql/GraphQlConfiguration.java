package io.issuegraph.graphql;

import graphql.scalars.ExtendedScalars;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;

@Configuration(proxyBeanMethods = false)
class GraphQlConfiguration {

    /** RFC 3339 date-times; resolvers hand it {@code OffsetDateTime}s in UTC. */
    @Bean
    RuntimeWiringConfigurer scalars() {
        return wiring -> wiring.scalar(ExtendedScalars.DateTime);
    }

    /** Replaces Boot's handler of POST /graphql, to answer 503 when a service is unavailable. */
    @Bean
    GraphQlHttpHandler graphQlHttpHandler(WebGraphQlHandler handler) {
        return new GraphQlHttpStatus(handler);
    }
}
