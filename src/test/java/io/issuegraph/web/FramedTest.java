package io.issuegraph.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A connection's whole text messages are held until a flush, anything else, or a close, and then go out
 * first, in the order they were sent (here on a session that is not Tomcat's, so each as a message of its own;
 * on Tomcat's they go in one write: {@link Utf8TextFramesTest}).
 */
class FramedTest {

    private final WebSocketSession session = mock(WebSocketSession.class);
    private final GraphQlWebSockets.Framed framed = new GraphQlWebSockets.Framed(session);

    @Test
    void textIsHeldUntilAFlushThenSentInOrder() throws IOException {
        framed.sendMessage(new TextMessage("{\"n\":1}"));
        framed.sendMessage(new TextMessage("{\"n\":2}"));
        verify(session, never()).sendMessage(any());

        framed.sendMessage(GraphQlWebSockets.Framed.FLUSH);

        InOrder order = inOrder(session);
        order.verify(session).sendMessage(new TextMessage("{\"n\":1}"));
        order.verify(session).sendMessage(new TextMessage("{\"n\":2}"));
        order.verifyNoMoreInteractions();
    }

    @Test
    void anyOtherMessageGoesAfterTheTextHeldBeforeIt() throws IOException {
        WebSocketMessage<ByteBuffer> ping = new PingMessage();
        framed.sendMessage(new TextMessage("{\"n\":1}"));
        framed.sendMessage(ping);

        InOrder order = inOrder(session);
        order.verify(session).sendMessage(new TextMessage("{\"n\":1}"));
        order.verify(session).sendMessage(ping);
        order.verifyNoMoreInteractions();
    }

    @Test
    void aCloseSendsTheTextHeldFirst() throws IOException {
        framed.sendMessage(new TextMessage("{\"type\":\"complete\"}"));
        framed.close(CloseStatus.GOING_AWAY);

        InOrder order = inOrder(session);
        order.verify(session).sendMessage(new TextMessage("{\"type\":\"complete\"}"));
        order.verify(session).close(CloseStatus.GOING_AWAY);
        order.verifyNoMoreInteractions();
    }
}
