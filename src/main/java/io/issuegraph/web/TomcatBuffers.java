package io.issuegraph.web;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat's buffers of each connection, allocated as it opens and kept while it is open: smaller than
 * Tomcat's 8 KB defaults, so that an open graphql-ws connection holds less heap (docs/live-updates.md#capacity).
 * <ul>
 * <li>each WebSocket connection's buffer for reading frames, for encoding a text message, and for masking
 * (a client's only), set by Tomcat's system property {@value #WEBSOCKET_BUFFER_PROPERTY}: 2 KB each. A longer
 * message that Tomcat encodes is sent in frames of 2 KB, which clients put together (graphql-ws messages are
 * not encoded by Tomcat: {@link Utf8TextFrames});</li>
 * <li>each connection's buffer for reading from its socket ({@code socket.appReadBufSize}): 4 KB, a request
 * with a token and its query in one read. The buffer for writing ({@code socket.appWriteBufSize}) stays 8 KB:
 * Tomcat writes a response through it in pieces of its size, one system call each.</li>
 * </ul>
 * The buffers for an incoming message, text (a part of it: {@link GraphQlWebSockets} puts a longer one together)
 * and binary, are set in application.properties.
 */
@Configuration(proxyBeanMethods = false)
class TomcatBuffers {

    static final String WEBSOCKET_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";
    static final int WEBSOCKET_BUFFER_BYTES = 2048;
    static final int SOCKET_READ_BUFFER_BYTES = 4096;

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> smallerTomcatBuffers() {
        return factory -> {
            // Read once, when Tomcat's WebSocket classes load as the server starts, after this; one set on the
            // command line stays.
            if (System.getProperty(WEBSOCKET_BUFFER_PROPERTY) == null) {
                System.setProperty(WEBSOCKET_BUFFER_PROPERTY, Integer.toString(WEBSOCKET_BUFFER_BYTES));
            }
            factory.addConnectorCustomizers(connector ->
                    connector.setProperty("socket.appReadBufSize", Integer.toString(SOCKET_READ_BUFFER_BYTES)));
        };
    }
}
