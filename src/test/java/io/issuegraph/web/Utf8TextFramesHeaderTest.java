package io.issuegraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The frames {@link Utf8TextFrames} writes are byte for byte the frames Tomcat writes of the same messages. */
class Utf8TextFramesHeaderTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 1_000, 65_535, 65_536, 70_000})
    void aMessagesFrameIsTomcats(int length) throws ReflectiveOperationException {
        byte[] message = message(length);

        assertThat(bytes(Utf8TextFrames.frames(List.of(Utf8Message.of(message))))).isEqualTo(tomcatsFrame(message));
    }

    /** A message in parts (a member's head, its group's rendering, the end) is framed as the message they make. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 65_535, 65_536})
    void aMessageInPartsIsFramedAsTheMessageTheyMake(int length) throws ReflectiveOperationException {
        byte[] message = message(length);
        int head = length / 3;
        int body = length / 2;
        var parts = new Utf8Message(Arrays.copyOfRange(message, 0, head), Arrays.copyOfRange(message, head, head + body),
                Arrays.copyOfRange(message, head + body, length));

        assertThat(bytes(Utf8TextFrames.frames(List.of(parts)))).isEqualTo(tomcatsFrame(message));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 20})
    void severalMessagesAreTheirFramesOneAfterAnother(int count) throws ReflectiveOperationException {
        List<byte[]> messages = IntStream.range(0, count).mapToObj(i -> message(i * 97 % 300)).toList();
        var expected = ByteBuffer.allocate(count * (300 + 4));
        for (byte[] message : messages) {
            expected.put(tomcatsFrame(message));
        }

        assertThat(bytes(Utf8TextFrames.frames(messages.stream().map(Utf8Message::of).toList())))
                .isEqualTo(Arrays.copyOf(expected.array(), expected.position()));
    }

    /** UTF-8 text, not all of it ASCII, cut to {@code length} bytes (framing does not read them). */
    private static byte[] message(int length) {
        byte[] text = "{\"title\":\"Zoë ✓\"}".repeat(length / 10 + 1).getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(text, length);
    }

    /** Tomcat's header of a whole, unmasked text frame (its {@code writeHeader}), then the payload. */
    private static byte[] tomcatsFrame(byte[] message) throws ReflectiveOperationException {
        Class<?> endpoint = Class.forName("org.apache.tomcat.websocket.WsRemoteEndpointImplBase");
        Method writeHeader = endpoint.getDeclaredMethod("writeHeader", ByteBuffer.class, boolean.class, int.class, byte.class,
                boolean.class, ByteBuffer.class, byte[].class, boolean.class);
        writeHeader.setAccessible(true);
        ByteBuffer header = ByteBuffer.allocate(14);
        writeHeader.invoke(null, header, true, 0, (byte) 1, false, ByteBuffer.wrap(message), null, true);
        header.flip();
        return bytes(ByteBuffer.allocate(header.remaining() + message.length).put(header).put(message).flip());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
