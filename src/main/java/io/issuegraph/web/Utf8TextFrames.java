package io.issuegraph.web;

import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes whole text messages whose UTF-8 bytes are made already as text frames of those bytes, all of a
 * turn's in one write to the socket, in Tomcat's turn of writing (docs/live-updates.md#writes). Jakarta
 * WebSocket sends text only from a {@code String}, which Tomcat encodes again a character at a time, and it
 * frames and hands over each message in a turn of its own: its lock, its timeout read from the session, four
 * objects and its buffer for each (bench/RESULTS.md, 2026-12-08). This takes Tomcat's turn as its own
 * writes do ({@code acquireMessagePartInProgressSemaphore} … {@code endMessage}), writes the frames through
 * its socket ({@code doWrite}, blocking until Tomcat's send timeout), and fails as they fail, closing the
 * connection at once. Those methods are Tomcat's own package's: where a Tomcat has them not ({@link #of}
 * gives null), messages go the standard way.
 */
final class Utf8TextFrames {

    private static final Logger log = LoggerFactory.getLogger(Utf8TextFrames.class);
    private static final byte TEXT = 1; // RFC 6455's opcode of a text frame
    private static final int FIN = 0x80;
    private static final String TOMCAT = "org.apache.tomcat.websocket.";
    /** Tomcat's send timeout, as its own blocking writes read it: a session's property, or 20 s. */
    private static final String SEND_TIMEOUT_PROPERTY = TOMCAT + "BLOCKING_SEND_TIMEOUT";
    private static final long DEFAULT_SEND_TIMEOUT_MILLIS = 20_000;

    /** Tomcat's {@code Session}; null without the methods. */
    private static final @Nullable Class<?> TOMCAT_SESSION;
    /** {@code WsRemoteEndpointBase.base}, the endpoint's implementation, which writes frames: (Object) Object. */
    private static final @Nullable MethodHandle IMPLEMENTATION;
    /** {@code WsRemoteEndpointImplBase.acquireMessagePartInProgressSemaphore}, its turn: (Object, byte, long) boolean. */
    private static final @Nullable MethodHandle TAKE_TURN;
    /** {@code WsRemoteEndpointImplBase.closed}, whether its close frame is written: (Object) boolean. */
    private static final @Nullable MethodHandle CLOSED;
    /** {@code WsRemoteEndpointImplBase.doWrite}, bytes to the socket: (Object, SendHandler, long, ByteBuffer[]). */
    private static final @Nullable MethodHandle WRITE;
    /** {@code WsRemoteEndpointImplBase.endMessage}, the turn given on: (Object, SendHandler, SendResult). */
    private static final @Nullable MethodHandle END_TURN;
    /** {@code WsSession.doClose}, a close after a failed write: (Object, CloseReason, CloseReason, boolean). */
    private static final @Nullable MethodHandle ABORT;

    static {
        Class<?> tomcatSession = null;
        MethodHandle implementation = null;
        MethodHandle takeTurn = null;
        MethodHandle closed = null;
        MethodHandle write = null;
        MethodHandle endTurn = null;
        MethodHandle abort = null;
        try {
            Class<?> remote = Class.forName(TOMCAT + "WsRemoteEndpointBase");
            Class<?> endpoint = Class.forName(TOMCAT + "WsRemoteEndpointImplBase");
            Class<?> session = Class.forName(TOMCAT + "WsSession");
            MethodHandles.Lookup inEndpoint = MethodHandles.privateLookupIn(endpoint, MethodHandles.lookup());
            implementation = MethodHandles.privateLookupIn(remote, MethodHandles.lookup())
                    .findGetter(remote, "base", endpoint)
                    .asType(MethodType.methodType(Object.class, Object.class));
            takeTurn = inEndpoint.findVirtual(endpoint, "acquireMessagePartInProgressSemaphore",
                            MethodType.methodType(boolean.class, byte.class, long.class))
                    .asType(MethodType.methodType(boolean.class, Object.class, byte.class, long.class));
            closed = inEndpoint.findGetter(endpoint, "closed", boolean.class)
                    .asType(MethodType.methodType(boolean.class, Object.class));
            write = inEndpoint.findVirtual(endpoint, "doWrite",
                            MethodType.methodType(void.class, SendHandler.class, long.class, ByteBuffer[].class))
                    .asType(MethodType.methodType(void.class, Object.class, SendHandler.class, long.class, ByteBuffer[].class));
            endTurn = inEndpoint.findVirtual(endpoint, "endMessage",
                            MethodType.methodType(void.class, SendHandler.class, SendResult.class))
                    .asType(MethodType.methodType(void.class, Object.class, SendHandler.class, SendResult.class));
            abort = MethodHandles.lookup().findVirtual(session, "doClose",
                            MethodType.methodType(void.class, CloseReason.class, CloseReason.class, boolean.class))
                    .asType(MethodType.methodType(void.class, Object.class, CloseReason.class, CloseReason.class, boolean.class));
            tomcatSession = session;
        } catch (ReflectiveOperationException | RuntimeException notThisTomcat) {
            log.info("graphql-ws messages are framed by Tomcat: {}", notThisTomcat.toString());
        }
        TOMCAT_SESSION = tomcatSession;
        IMPLEMENTATION = tomcatSession == null ? null : implementation;
        TAKE_TURN = tomcatSession == null ? null : takeTurn;
        CLOSED = tomcatSession == null ? null : closed;
        WRITE = tomcatSession == null ? null : write;
        END_TURN = tomcatSession == null ? null : endTurn;
        ABORT = tomcatSession == null ? null : abort;
    }

    private final Session session;
    private final Object endpoint;

    private Utf8TextFrames(Session session, Object endpoint) {
        this.session = session;
        this.endpoint = endpoint;
    }

    /** Whether this Tomcat lets frames be written in its turn: a test holds an upgrade of Tomcat to it. */
    static boolean available() {
        return TOMCAT_SESSION != null;
    }

    /** The frames of this Tomcat session; null for another server's, or a Tomcat without the methods. */
    static @Nullable Utf8TextFrames of(@Nullable Session session) {
        if (TOMCAT_SESSION == null || !TOMCAT_SESSION.isInstance(session)) {
            return null;
        }
        try {
            return new Utf8TextFrames(session, (Object) IMPLEMENTATION.invokeExact((Object) session.getBasicRemote()));
        } catch (Throwable unexpected) { // a field's getter throws nothing
            throw new IllegalStateException(unexpected);
        }
    }

    /**
     * Sends each of {@code messages}, well-formed UTF-8, as one whole text message, in one write; it throws
     * as Tomcat's {@code sendText} would: an {@link IOException} when the write fails or times out (the
     * connection is closed then), an {@link IllegalStateException} when the connection's close frame is out.
     */
    void send(List<Utf8Message> messages) throws IOException {
        ByteBuffer frames = frames(messages);
        Object timeout = session.getUserProperties().get(SEND_TIMEOUT_PROPERTY);
        long expiry = System.currentTimeMillis() + (timeout instanceof Long millis ? millis : DEFAULT_SEND_TIMEOUT_MILLIS);
        Written written = new Written();
        try {
            if (!(boolean) TAKE_TURN.invokeExact(endpoint, TEXT, expiry)) {
                throw abort(new SocketTimeoutException("No turn to write before the send timeout"), "Send timeout");
            }
            try {
                if ((boolean) CLOSED.invokeExact(endpoint)) {
                    throw new IllegalStateException("The connection's close frame is written");
                }
                WRITE.invokeExact(endpoint, (SendHandler) written, expiry, new ByteBuffer[] {frames});
            } finally {
                END_TURN.invokeExact(endpoint, (SendHandler) null, (SendResult) null);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw abort(new InterruptedIOException("Interrupted while waiting for a turn to write"), "Interrupted");
        } catch (IOException | RuntimeException | Error thrown) {
            throw thrown;
        } catch (Throwable undeclared) { // the methods declare nothing else
            throw new IllegalStateException(undeclared);
        }
        if (written.result == null || !written.result.isOK()) {
            Throwable failure = written.result == null ? null : written.result.getException();
            throw abort(failure instanceof IOException io ? io : new IOException("Writing frames failed", failure), "Write failed");
        }
    }

    /** Each message's frame: FIN, the text opcode, its length as RFC 6455 writes it, no mask (a server's). */
    static ByteBuffer frames(List<Utf8Message> messages) {
        int size = 0;
        for (Utf8Message message : messages) {
            size += headerBytes(message.length()) + message.length();
        }
        ByteBuffer frames = ByteBuffer.allocate(size);
        for (Utf8Message message : messages) {
            int length = message.length();
            frames.put((byte) (FIN | TEXT));
            if (length < 126) {
                frames.put((byte) length);
            } else if (length < 65_536) {
                frames.put((byte) 126).putShort((short) length);
            } else {
                frames.put((byte) 127).putLong(length);
            }
            message.writeTo(frames);
        }
        return frames.flip();
    }

    private static int headerBytes(int length) {
        return length < 126 ? 2 : length < 65_536 ? 4 : 10;
    }

    /**
     * Closes the connection at once, as Tomcat does when one of its own writes fails (with a short reason: a
     * close frame's is at most 123 bytes); returns the failure.
     */
    private IOException abort(IOException failure, String reason) {
        try {
            ABORT.invokeExact((Object) session, new CloseReason(CloseCodes.GOING_AWAY, reason),
                    new CloseReason(CloseCodes.CLOSED_ABNORMALLY, reason), true);
        } catch (Throwable notClosed) { // Tomcat's close catches what it meets
            failure.addSuppressed(notClosed);
        }
        return failure;
    }

    /** The result of a blocking write, which Tomcat hands over before {@code doWrite} returns. */
    private static final class Written implements SendHandler {

        private volatile @Nullable SendResult result;

        @Override
        public void onResult(SendResult result) {
            this.result = result;
        }
    }
}
