package io.issuegraph.web;

import jakarta.websocket.RemoteEndpoint;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a whole text message whose UTF-8 bytes are made already as one text frame of those bytes
 * (docs/live-updates.md#writes). Jakarta WebSocket sends text only from a {@code String}, which Tomcat encodes
 * again a character at a time (its encoder reads the {@code String} through a {@code CharBuffer} without an
 * array: the JDK's slow loop); Spring's messages hold the bytes they were made from. Writing those bytes saves
 * 6-7 % of a delivery's CPU (bench/RESULTS.md, 2026-12-07, evening). Tomcat writes a frame of given bytes in
 * its own package only, so this calls that method; where a Tomcat has none ({@link #of} gives null), messages
 * go the standard way.
 */
final class Utf8TextFrames {

    private static final Logger log = LoggerFactory.getLogger(Utf8TextFrames.class);
    private static final byte TEXT = 1; // RFC 6455's opcode of a text frame
    private static final String TOMCAT = "org.apache.tomcat.websocket.";

    /** Tomcat's {@code RemoteEndpoint.Basic}; null without the method. */
    private static final @Nullable Class<?> TOMCAT_REMOTE;
    /** {@code WsRemoteEndpointBase.base}, the endpoint's implementation, which writes frames: (Object) Object. */
    private static final @Nullable MethodHandle IMPLEMENTATION;
    /** {@code WsRemoteEndpointImplBase.sendMessageBlock}, one frame, blocking: (Object, byte, ByteBuffer, boolean). */
    private static final @Nullable MethodHandle SEND_FRAME;

    static {
        Class<?> tomcatRemote = null;
        MethodHandle implementation = null;
        MethodHandle sendFrame = null;
        try {
            Class<?> remote = Class.forName(TOMCAT + "WsRemoteEndpointBase");
            Class<?> endpoint = Class.forName(TOMCAT + "WsRemoteEndpointImplBase");
            implementation = MethodHandles.privateLookupIn(remote, MethodHandles.lookup())
                    .findGetter(remote, "base", endpoint)
                    .asType(MethodType.methodType(Object.class, Object.class));
            sendFrame = MethodHandles.privateLookupIn(endpoint, MethodHandles.lookup())
                    .findVirtual(endpoint, "sendMessageBlock",
                            MethodType.methodType(void.class, byte.class, ByteBuffer.class, boolean.class))
                    .asType(MethodType.methodType(void.class, Object.class, byte.class, ByteBuffer.class, boolean.class));
            tomcatRemote = remote;
        } catch (ReflectiveOperationException | RuntimeException notThisTomcat) {
            log.info("graphql-ws messages are encoded by Tomcat: {}", notThisTomcat.toString());
        }
        TOMCAT_REMOTE = tomcatRemote;
        IMPLEMENTATION = tomcatRemote == null ? null : implementation;
        SEND_FRAME = tomcatRemote == null ? null : sendFrame;
    }

    private final Object endpoint;

    private Utf8TextFrames(Object endpoint) {
        this.endpoint = endpoint;
    }

    /** Whether this Tomcat writes a frame of given bytes: a test holds an upgrade of Tomcat to it. */
    static boolean available() {
        return TOMCAT_REMOTE != null;
    }

    /** The frames of this Tomcat endpoint; null for another server's, or a Tomcat without the method. */
    static @Nullable Utf8TextFrames of(RemoteEndpoint.@Nullable Basic remote) {
        if (TOMCAT_REMOTE == null || !TOMCAT_REMOTE.isInstance(remote)) {
            return null;
        }
        try {
            return new Utf8TextFrames((Object) IMPLEMENTATION.invokeExact((Object) remote));
        } catch (Throwable unexpected) { // a field's getter throws nothing
            throw new IllegalStateException(unexpected);
        }
    }

    /** Sends {@code utf8}, which must be well-formed UTF-8, as one whole text message. */
    void send(byte[] utf8) throws IOException {
        try {
            SEND_FRAME.invokeExact(endpoint, TEXT, ByteBuffer.wrap(utf8), true);
        } catch (IOException | RuntimeException | Error thrown) {
            throw thrown;
        } catch (Throwable undeclared) { // the method declares IOException only
            throw new IllegalStateException(undeclared);
        }
    }
}
