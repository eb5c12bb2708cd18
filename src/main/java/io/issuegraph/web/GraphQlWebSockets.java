package io.issuegraph.web;

import graphql.ExecutionResult;
import io.issuegraph.graphql.DirectDelivery;
import io.issuegraph.graphql.Refusal;
import io.issuegraph.identity.IdentityAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.websocket.Session;
import java.io.Flushable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.support.GraphQlWebSocketMessage;
import org.springframework.graphql.server.support.GraphQlWebSocketMessageType;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.SessionLimitExceededException;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;
import org.springframework.web.socket.server.HandshakeHandler;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;
import tools.jackson.core.JacksonException;

/**
 * Spring for GraphQL's graphql-ws handler, with what a public endpoint needs around it
 * (docs/live-updates.md#client-mistakes):
 * <ul>
 * <li>a message that is no graphql-ws message closes its connection with 4400, a {@code subscribe} whose
 * id is in use with 4409, as graphql-ws says, and neither writes an ERROR line;</li>
 * <li>a {@code subscribe} whose payload is malformed gets an {@code error} message for its id, and the
 * connection and its other operations go on; the mistakes found when the operation runs (syntax,
 * validation, variables, limits) are answered the same way by {@link WebSocketOperations};</li>
 * <li>each connection is registered with {@link WebSocketSessions};</li>
 * <li>a message may be {@value #MAX_MESSAGE_CHARACTERS} characters long, a longer one closes its connection
 * with 1009 (docs/live-updates.md#limits). Tomcat hands a message over in parts of its text buffer
 * ({@code org.apache.tomcat.websocket.textBufferSize}, application.properties), which are put together here
 * while it arrives: the buffer of a whole message, which Tomcat would allocate as each connection opens and
 * keep while it is open (16 KB), is taken only by a connection that is receiving a longer one.</li>
 * </ul>
 * The handler sends on a thread of each connection's, live events are sent by the connection's writer
 * ({@link OperationWriters}, docs/live-updates.md#direct-delivery), and an answer sent here, on the thread that
 * received the message: all go through a {@link ConcurrentWebSocketSessionDecorator} so they never interleave.
 * What one of them sends in one go (a poll's events) goes out in one write ({@link BatchedWrites},
 * {@link Utf8TextFrames}), each message still a message of its own. A send that fails (the client went away,
 * or stopped reading until Tomcat's send timeout) closes the connection quietly, and one that races the
 * connection's close is dropped quietly: the handler would log either at ERROR.
 */
class GraphQlWebSockets extends GraphQlWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(GraphQlWebSockets.class);
    private static final CloseStatus INVALID_MESSAGE = new CloseStatus(4400, "Invalid message");
    /** Answers waiting while the handler's thread sends; a client that piles up more is closed. */
    private static final int ANSWER_BUFFER_BYTES = 256 * 1024;
    static final int MAX_MESSAGE_CHARACTERS = 8_192;

    private final GraphQlWebSocketConverter converter;
    private final WebSocketSessions sessions;
    private final Map<String, WebSocketSession> decorated = new ConcurrentHashMap<>();

    GraphQlWebSockets(WebGraphQlHandler graphQl, GraphQlWebSocketConverter converter, Duration initTimeout,
            Duration keepAlive, CorsConfiguration origins, WebSocketSessions sessions) {
        super(graphQl, converter, initTimeout, keepAlive, origins);
        this.converter = converter;
        this.sessions = sessions;
    }

    /**
     * Handshakes without permessage-deflate, which Tomcat would agree to with every browser and most
     * graphql-ws clients: each connection's compressor and decompressor hold zlib's state outside the heap,
     * which neither the connection caps nor the heap's sizing count, and each event would be compressed once
     * per connection, not rendered once per selection (docs/live-updates.md#compression). Tomcat negotiates
     * extensions from the request's header itself, whatever Spring selects: so neither sees the header.
     */
    @Override
    public WebSocketHttpRequestHandler initWebSocketHttpRequestHandler(HandshakeHandler handshakes) {
        return super.initWebSocketHttpRequestHandler((request, response, handler, attributes) -> handshakes.doHandshake(
                request instanceof ServletServerHttpRequest servlet
                        ? new ServletServerHttpRequest(new WithoutExtensions(servlet.getServletRequest())) : request,
                response, handler, attributes));
    }

    private static final class WithoutExtensions extends HttpServletRequestWrapper {

        WithoutExtensions(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return WebSocketHttpHeaders.SEC_WEBSOCKET_EXTENSIONS.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return WebSocketHttpHeaders.SEC_WEBSOCKET_EXTENSIONS.equalsIgnoreCase(name) ? Collections.emptyEnumeration()
                    : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(header -> !WebSocketHttpHeaders.SEC_WEBSOCKET_EXTENSIONS.equalsIgnoreCase(header)).toList());
        }
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession raw) {
        var session = new Connection(raw, converter);
        decorated.put(raw.getId(), session);
        raw.getAttributes().put(OperationWriters.ATTRIBUTE, session);
        super.afterConnectionEstablished(session);
        sessions.opened(session); // may close it: after the handler knows it, so it forgets it again
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected void handleTextMessage(WebSocketSession raw, TextMessage part) throws Exception {
        WebSocketSession session = decorated.getOrDefault(raw.getId(), raw);
        TextMessage message = session instanceof Connection connection ? connection.whole(part) : part;
        if (message == null) {
            return;
        }
        GraphQlWebSocketMessage decoded;
        Object payload;
        try {
            decoded = converter.getMapper().readValue(message.asBytes(), GraphQlWebSocketMessage.class);
            payload = decoded.getPayload();
        } catch (JacksonException | IllegalStateException notGraphQlWs) {
            log.debug("Closing a graphql-ws connection after a malformed message", notGraphQlWs);
            close(session, INVALID_MESSAGE);
            return;
        }
        String id = decoded.getId();
        if (decoded.resolvedType() == GraphQlWebSocketMessageType.SUBSCRIBE && id != null) {
            String problem = payload instanceof Map<?, ?> request ? GraphQlRequestConverter.problemWith(request, false)
                    : "The payload of subscribe must be a JSON object with a \"query\".";
            if (problem != null) {
                answer(session, GraphQlWebSocketMessage.error(id, List.of(Refusal.BAD_REQUEST.error(problem, null))));
                return;
            }
            if (!WebSocketOperations.start(session.getAttributes(), id)) {
                close(session, new CloseStatus(4409, "Subscriber for " + id + " already exists"));
                return;
            }
        } else if (decoded.resolvedType() == GraphQlWebSocketMessageType.COMPLETE && id != null) {
            WebSocketOperations.end(session.getAttributes(), id);
        }
        handleAsCaller(session, message);
    }

    /**
     * Handles the message on a thread that holds the connection's caller, as a request's thread does over
     * HTTP: what runs here for it (a controller and its method security, also one invoked only once an
     * argument's {@code Mono} has resolved) reads the caller from the thread, not from the Reactor context
     * Spring's authentication writes (docs/architecture.md#graphql-ws-authentication).
     */
    private void handleAsCaller(WebSocketSession session, TextMessage message) throws Exception {
        IdentityAuthentication caller = sessions.callerOf(session.getId());
        if (caller == null) {
            super.handleTextMessage(session, message);
            return;
        }
        SecurityContextHolderStrategy threadContext = SecurityContextHolder.getContextHolderStrategy();
        SecurityContext previous = threadContext.getContext();
        threadContext.setContext(new SecurityContextImpl(caller));
        try {
            super.handleTextMessage(session, message);
        } finally {
            threadContext.setContext(previous);
        }
    }

    private void answer(WebSocketSession session, GraphQlWebSocketMessage answer) throws IOException {
        try {
            session.sendMessage(new TextMessage(converter.getMapper().writeValueAsBytes(answer)));
        } catch (SessionLimitExceededException notReading) {
            log.debug("Closing a graphql-ws connection that does not take its answers", notReading);
            close(session, CloseStatus.POLICY_VIOLATION);
        }
    }

    /** A connection's writers of its operations' answers, for {@link DirectDelivery}: in its attributes. */
    interface OperationWriters {

        String ATTRIBUTE = OperationWriters.class.getName();

        DirectDelivery.Writer forOperation(String id);
    }

    private static final class Connection extends ConcurrentWebSocketSessionDecorator implements Flushable, OperationWriters {

        private static final CloseStatus TOO_LONG = new CloseStatus(CloseStatus.TOO_BIG_TO_PROCESS.getCode(),
                "A message may be " + MAX_MESSAGE_CHARACTERS + " characters long");

        private final GraphQlWebSocketConverter converter;
        /** The messages delivered directly in this task, sent together at its end ({@link #flush}). */
        private final HeldMessages delivered = new HeldMessages();
        /** The parts of a message that came in several, until its last; null between messages. */
        private StringBuilder parts;

        Connection(WebSocketSession session, GraphQlWebSocketConverter converter) {
            super(new Framed(session), Integer.MAX_VALUE, ANSWER_BUFFER_BYTES);
            this.converter = converter;
        }

        @Override
        public DirectDelivery.Writer forOperation(String id) {
            return new OperationWriter(this, converter.nextMessages(id));
        }

        /**
         * The message once its last part is here; null until then, and for one that is too long (its connection
         * is closed) or comes on a connection being closed. Tomcat hands over one part at a time.
         */
        TextMessage whole(TextMessage part) {
            if (!isOpen()) {
                parts = null;
                return null;
            }
            String payload = part.getPayload();
            if (parts == null && part.isLast() && payload.length() <= MAX_MESSAGE_CHARACTERS) {
                return part;
            }
            if (parts == null) {
                parts = new StringBuilder();
            }
            parts.append(payload);
            if (parts.length() > MAX_MESSAGE_CHARACTERS) {
                parts = null;
                GraphQlWebSockets.close(this, TOO_LONG);
                return null;
            }
            if (!part.isLast()) {
                return null;
            }
            var message = new TextMessage(parts);
            parts = null;
            return message;
        }

        @Override
        public void sendMessage(WebSocketMessage<?> message) throws IOException {
            try {
                super.sendMessage(message);
                if (!(message instanceof Utf8Texts)) { // those end with a flush
                    BatchedWrites.flushSoon(this);
                }
            } catch (IOException gone) {
                log.debug("Closing a graphql-ws connection that cannot be written to: {}", gone.toString());
                // its streams pass nothing on from now, not only once it is closed: its close writes what is held
                // first, after this write, so events would reach the thread it then disposes of
                WebSocketOperations.closed(getAttributes());
                GraphQlWebSockets.close(this, CloseStatus.SESSION_NOT_RELIABLE);
            } catch (IllegalStateException closedMeanwhile) {
                // a send that raced the connection's close (the instance stopping, or the client going) finds
                // Tomcat's session closed: an IllegalStateException, which the handler would log at ERROR
                if (isOpen()) {
                    throw closedMeanwhile;
                }
                log.debug("Not sent to a graphql-ws connection that closed meanwhile: {}", closedMeanwhile.toString());
            }
        }

        /** Sends the messages delivered directly in this task, if any, and flushes. */
        @Override
        public void flush() throws IOException {
            List<Utf8Message> messages = delivered.take();
            if (isOpen()) {
                try {
                    sendMessage(messages.isEmpty() ? Framed.FLUSH : new Utf8Texts(messages));
                } catch (SessionLimitExceededException notReading) { // the decorator has closed the connection
                    log.debug("Not sent to a graphql-ws connection that does not take its messages", notReading);
                }
            }
        }
    }

    /** Whole text messages held, from any thread, until they are taken together in the order they came. */
    private static final class HeldMessages {

        private List<Utf8Message> held = new ArrayList<>();

        synchronized void add(Utf8Message message) {
            held.add(message);
        }

        synchronized void addAll(List<Utf8Message> messages) {
            held.addAll(messages);
        }

        /** All it holds, and it holds none after. */
        synchronized List<Utf8Message> take() {
            if (held.isEmpty()) {
                return List.of();
            }
            List<Utf8Message> taken = held;
            held = new ArrayList<>();
            return taken;
        }
    }

    /**
     * The session, with the whole text messages sent to it held until a flush (an empty {@link Utf8Texts})
     * or a close, and then written together: on Tomcat as the bytes they were made from, in one write
     * ({@link Utf8TextFrames}). Anything else is sent as Spring sends it, after what is held.
     */
    static final class Framed extends WebSocketSessionDecorator {

        /** Not a message: what it holds goes out, in turn with the messages sent through the connection. */
        static final WebSocketMessage<List<Utf8Message>> FLUSH = new Utf8Texts(List.of());
        /** Null for another server's session, or a Tomcat without the methods: messages go Spring's way. */
        private final Utf8TextFrames frames;
        private final HeldMessages held = new HeldMessages();

        Framed(WebSocketSession session) {
            super(session);
            this.frames = Utf8TextFrames.of(session instanceof NativeWebSocketSession adapted
                    ? adapted.getNativeSession(Session.class) : null);
        }

        @Override
        public void sendMessage(WebSocketMessage<?> message) throws IOException {
            if (message instanceof Utf8Texts texts) {
                held.addAll(texts.getPayload());
                write(held.take());
            } else if (message instanceof TextMessage text && text.isLast()) {
                held.add(Utf8Message.of(text.asBytes()));
            } else if (message instanceof Closing closing) {
                close(closing.status());
            } else {
                write(held.take());
                super.sendMessage(message);
            }
        }

        private void write(List<Utf8Message> messages) throws IOException {
            if (messages.isEmpty()) {
                return;
            }
            if (frames != null) {
                frames.send(messages);
            } else {
                for (Utf8Message message : messages) {
                    super.sendMessage(new TextMessage(message.bytes()));
                }
            }
        }

        @Override
        public void close() throws IOException {
            close(CloseStatus.NORMAL);
        }

        /** Writes what it holds first, as Tomcat's close wrote what it held (a close may come from any thread). */
        @Override
        public void close(CloseStatus status) throws IOException {
            try {
                write(held.take());
            } catch (IOException | IllegalStateException notWritten) {
                log.debug("Closing a graphql-ws connection without its last messages: {}", notWritten.toString());
            }
            super.close(status);
        }
    }

    /**
     * An operation's {@code next} messages as Spring for GraphQL's handler writes them (the same converter, the
     * same {@code toSpecification}: {@link GraphQlWebSocketConverter.NextMessages}), as the UTF-8 they were made
     * in. Those written in one task go through the connection's queue as one, at the task's end
     * ({@link BatchedWrites}): one turn of its lock and queue for a poll's events, not one for each
     * (docs/live-updates.md#direct-delivery).
     */
    private record OperationWriter(Connection connection, GraphQlWebSocketConverter.NextMessages messages)
            implements DirectDelivery.Writer {

        @Override
        public void next(ExecutionResult answer) {
            connection.delivered.add(messages.encode(answer));
            try {
                BatchedWrites.flushSoon(connection);
            } catch (IOException notSent) { // outside a task: flush() closed the connection
                log.debug("A direct delivery was not sent: {}", notSent.toString());
            }
        }
    }

    /** Not a message: the connection's close, sent in turn with its messages ({@link #closeInTurn}). */
    private record Closing(CloseStatus status) implements WebSocketMessage<CloseStatus> {

        @Override
        public CloseStatus getPayload() {
            return status;
        }

        @Override
        public int getPayloadLength() {
            return 0;
        }

        @Override
        public boolean isLast() {
            return true;
        }
    }

    /**
     * Closes a connection of this handler's in turn with the messages being sent, not across one (the instance
     * stopping): Tomcat takes one send at a time, and a close frame sent while another thread writes makes it
     * drop the connection without one. Any other connection is closed at once; one the client closed first is
     * left as it is.
     */
    static void closeInTurn(WebSocketSession session, CloseStatus status) {
        try {
            if (session instanceof Connection connection) {
                connection.sendMessage(new Closing(status));
            } else {
                session.close(status);
            }
        } catch (IOException alreadyGone) {
            // the client went first
        }
    }

    /**
     * Whole text messages as their UTF-8 bytes (Spring's {@code TextMessage} would make a {@code String} of
     * each), sent one after another, then flushed: none is one flush alone.
     */
    private static final class Utf8Texts implements WebSocketMessage<List<Utf8Message>> {

        private final List<Utf8Message> messages;
        private final int length;

        Utf8Texts(List<Utf8Message> messages) {
            this.messages = messages;
            this.length = messages.stream().mapToInt(Utf8Message::length).sum();
        }

        @Override
        public List<Utf8Message> getPayload() {
            return messages;
        }

        @Override
        public int getPayloadLength() {
            return length;
        }

        @Override
        public boolean isLast() {
            return true;
        }
    }

    private static void close(WebSocketSession session, CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException alreadyGone) {
            // the client went first
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession raw, CloseStatus status) {
        WebSocketSession session = decorated.remove(raw.getId());
        WebSocketOperations.closed(raw.getAttributes());
        sessions.closed(raw.getId());
        super.afterConnectionClosed(session == null ? raw : session, status);
    }
}
