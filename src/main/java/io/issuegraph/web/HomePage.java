package io.issuegraph.web;

import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/** {@code GET /} opens GraphiQL where it is enabled: the first address a newcomer tries. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("spring.graphql.graphiql.enabled")
class HomePage {

    @Bean
    RouterFunction<ServerResponse> homeOpensGraphiQl(@Value("${spring.graphql.graphiql.path:/graphiql}") String graphiql) {
        return RouterFunctions.route().GET("/", request -> ServerResponse.temporaryRedirect(URI.create(graphiql)).build())
                .build();
    }
}
