package io.issuegraph.web;

import io.issuegraph.graphql.GraphQlApiProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * {@code /graphql} for GET and POST, ahead of Spring Boot's own route (order 0), which serves POST only
 * and answers every GET with an empty 405. GraphiQL and the schema stay Boot's.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlHttpRoutes {

    static final String PATH = "/graphql";

    @Bean
    @Order(-1)
    RouterFunction<ServerResponse> graphQlOverHttp(WebGraphQlHandler graphQl, GraphQlApiProperties properties,
            RequestIds requestIds, RateLimits rateLimits, Membership membership) {
        var handler = new GraphQlOverHttp(graphQl, properties, requestIds, rateLimits, membership);
        return RouterFunctions.route().GET(PATH, handler::get).POST(PATH, handler::post).build();
    }
}
