package io.issuegraph.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.web.cors.CorsConfiguration;

/**
 * graphql-ws on the GraphQL path ({@code spring.graphql.websocket.path}), on Spring for GraphQL's handler
 * (Boot's backs off): its JSON read by the constrained converter (and written by
 * {@link GraphQlWebSocketConverter}), its handshake allowed from the same browser origins as HTTP
 * ({@code ISSUEGRAPH_CORS_ALLOWED_ORIGINS}), client mistakes answered ({@link GraphQlWebSockets}), and each
 * session registered with {@link WebSocketSessions}, which bounds them and closes them when their token or
 * account is no longer good.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("spring.graphql.websocket.path")
class WebSocketConfiguration {

    @Bean
    GraphQlWebSocketHandler graphQlWebSocketHandler(WebGraphQlHandler graphQl, GraphQlRequestConverter converter,
            GraphQlProperties graphQlProperties, CorsProperties cors, WebSocketSessions sessions) {
        var origins = new CorsConfiguration();
        origins.setAllowedOrigins(cors.allowedOrigins());
        return new GraphQlWebSockets(graphQl, new GraphQlWebSocketConverter(converter.maxRequestBytes()),
                graphQlProperties.getWebsocket().getConnectionInitTimeout(), graphQlProperties.getWebsocket().getKeepAlive(),
                origins, sessions);
    }
}
