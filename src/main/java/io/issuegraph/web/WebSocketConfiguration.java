package io.issuegraph.web;

import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * graphql-ws on the GraphQL path ({@code spring.graphql.websocket.path}), on Spring for GraphQL's handler
 * (Boot's backs off): its JSON read by the constrained converter, its handshake allowed from the same
 * browser origins as HTTP ({@code ISSUEGRAPH_CORS_ALLOWED_ORIGINS}), and each session registered with
 * {@link WebSocketSessions}, which bounds them and closes them when their token or account is no longer good.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("spring.graphql.websocket.path")
class WebSocketConfiguration {

    @Bean
    GraphQlWebSocketHandler graphQlWebSocketHandler(WebGraphQlHandler graphQl, GraphQlRequestConverter converter,
            GraphQlProperties graphQlProperties, CorsProperties cors, WebSocketSessions sessions) {
        var origins = new CorsConfiguration();
        origins.setAllowedOrigins(cors.allowedOrigins());
        Duration keepAlive = graphQlProperties.getWebsocket().getKeepAlive();
        return new GraphQlWebSocketHandler(graphQl, converter, graphQlProperties.getWebsocket().getConnectionInitTimeout(),
                keepAlive, origins) {
            @Override
            public void afterConnectionEstablished(WebSocketSession session) {
                super.afterConnectionEstablished(session);
                sessions.opened(session); // may close it: after the handler knows it, so it forgets it again
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
                sessions.closed(session.getId());
                super.afterConnectionClosed(session, status);
            }
        };
    }
}
