package io.issuegraph.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * A whole text message as the UTF-8 bytes it is made of, in three parts that other messages may share and
 * nobody changes. A graphql-ws {@code next} of a group's rendering is its operation's head (its id and the
 * field's name), the rendering every member of the group shares, and the message's end: each member's message
 * is written from those parts, not copied into an array of its own first (docs/live-updates.md#writes).
 */
record Utf8Message(byte[] head, byte[] body, byte[] tail) {

    private static final byte[] NONE = {};

    /** A message made in one array. */
    static Utf8Message of(byte[] whole) {
        return new Utf8Message(whole, NONE, NONE);
    }

    int length() {
        return head.length + body.length + tail.length;
    }

    void writeTo(ByteBuffer buffer) {
        buffer.put(head).put(body).put(tail);
    }

    void writeTo(OutputStream output) throws IOException {
        output.write(head);
        output.write(body);
        output.write(tail);
    }

    /** The message in one array: for a transport that takes it so. */
    byte[] bytes() {
        if (body.length == 0 && tail.length == 0) {
            return head;
        }
        ByteBuffer whole = ByteBuffer.allocate(length());
        writeTo(whole);
        return whole.array();
    }
}
