package io.issuegraph.web;

import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/** {@code GET /} opens GraphiQL (always served, at /graphiql): the first address a newcomer tries. */
@Configuration(proxyBeanMethods = false)
class HomePage {

    @Bean
    RouterFunction<ServerResponse> homeOpensGraphiQl() {
        return RouterFunctions.route().GET("/", request -> ServerResponse.temporaryRedirect(URI.create("/graphiql")).build())
                .build();
    }
}
