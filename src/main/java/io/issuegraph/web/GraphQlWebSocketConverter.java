package io.issuegraph.web;

import graphql.ExecutionResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;
import org.springframework.graphql.server.support.GraphQlWebSocketMessage;
import org.springframework.graphql.server.support.GraphQlWebSocketMessageType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.util.RawValue;

/**
 * What Spring for GraphQL's graphql-ws handler reads and writes its messages with: the HTTP converter's
 * reading, and a {@code next} message that carries one rendering of a shared event
 * (docs/live-updates.md#one-rendering-per-group) written as the bytes Jackson would write for it, without
 * Jackson's serialization of the message's maps or the HTTP headers a WebSocket message does not have: each
 * delivery paid about 7 % of its CPU for both. Any other message is Jackson's.
 */
class GraphQlWebSocketConverter extends GraphQlRequestConverter {

    private static final byte[] ID = "{\"id\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PAYLOAD = ",\"payload\":{\"data\":{".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TYPE = "}},\"type\":\"next\"}".getBytes(StandardCharsets.UTF_8);

    GraphQlWebSocketConverter(int maxRequestBytes) {
        super(maxRequestBytes);
    }

    /** A WebSocket message has no headers: Spring's handler writes it to an adapter whose headers go nowhere. */
    @Override
    protected void addDefaultHeaders(HttpHeaders headers, Object message, MediaType contentType) throws IOException {
        if (!(message instanceof GraphQlWebSocketMessage)) {
            super.addDefaultHeaders(headers, message, contentType);
        }
    }

    @Override
    protected void writeInternal(Object message, ResolvableType type, HttpOutputMessage output, Map<String, Object> hints)
            throws IOException {
        Utf8Message rendering = message instanceof GraphQlWebSocketMessage graphQlWs ? rendering(graphQlWs) : null;
        if (rendering != null) {
            rendering.writeTo(output.getBody());
        } else {
            super.writeInternal(message, type, output, hints);
        }
    }

    /** The message as JSON: {@link #rendering}'s bytes for a shared rendering's {@code next}, otherwise Jackson's. */
    Utf8Message encode(GraphQlWebSocketMessage message) {
        Utf8Message rendering = rendering(message);
        return rendering != null ? rendering : Utf8Message.of(getMapper().writeValueAsBytes(message));
    }

    /**
     * {@code {"id":…,"payload":{"data":{"<field>":<rendering>}},"type":"next"}}, the order Jackson 3 writes a
     * message's properties in (alphabetical), in its three parts (the handler's buffer would otherwise grow by
     * doubling, copying at each step); null for any other message.
     */
    static @Nullable Utf8Message rendering(GraphQlWebSocketMessage message) {
        if (message.resolvedType() != GraphQlWebSocketMessageType.NEXT || message.getId() == null
                || !(message.getPayload() instanceof Map<?, ?> payload) || payload.size() != 1
                || !(payload.get("data") instanceof Map<?, ?> data)) {
            return null;
        }
        byte[] idPrefix = idPrefix(message.getId());
        return rendering(data, name -> head(idPrefix, name));
    }

    /** The bytes each of the operation's rendered {@code next} messages opens with: its id, quoted, up to its data. */
    private static byte[] idPrefix(String id) {
        byte[] escaped = escaped(id);
        var prefix = ByteBuffer.allocate(ID.length + escaped.length + PAYLOAD.length + 2);
        prefix.put(ID);
        quoted(prefix, escaped);
        return prefix.put(PAYLOAD).array();
    }

    /**
     * The message of a payload's {@code data} that is one field's shared rendering: the bytes up to the rendering
     * ({@code head} of the field's name), the rendering's own (made once for all who share it) and the message's
     * end; null for any other data.
     */
    private static @Nullable Utf8Message rendering(Map<?, ?> data, Function<String, byte[]> head) {
        if (data.size() != 1) {
            return null;
        }
        Map.Entry<?, ?> field = data.entrySet().iterator().next();
        if (!(field.getKey() instanceof String name) || !(field.getValue() instanceof RawValue rendering)
                || !(rendering.rawValue() instanceof SerializableString json)) {
            return null;
        }
        return new Utf8Message(head.apply(name), json.asUnquotedUTF8(), TYPE);
    }

    /** The bytes of a {@code next} message up to its field's value: {@code {"id":…,"payload":{"data":{"<field>":}. */
    private static byte[] head(byte[] idPrefix, String name) {
        byte[] fieldName = escaped(name);
        var head = ByteBuffer.allocate(idPrefix.length + fieldName.length + 3); // and two quotes and a colon
        head.put(idPrefix);
        quoted(head, fieldName);
        return head.put((byte) ':').array();
    }

    /** The {@code next} messages of the operation {@code id}, its id escaped once. */
    NextMessages nextMessages(String id) {
        return new NextMessages(id, idPrefix(id));
    }

    /**
     * An operation's {@code next} messages, each the bytes of {@code GraphQlWebSocketMessage.next(id,
     * answer.toSpecification())} as {@link #encode} writes it. A shared rendering without errors or extensions,
     * which is what a direct delivery mostly writes, is written without making that message and its maps, from
     * the operation's head, made once, and the rendering: nothing of the member's own but the parts' holder.
     */
    final class NextMessages {

        private final String id;
        private final byte[] idPrefix;
        /** The last head made: the operation's field, and so its head, is the same in each of its messages. */
        private volatile @Nullable Head head;

        private NextMessages(String id, byte[] idPrefix) {
            this.id = id;
            this.idPrefix = idPrefix;
        }

        Utf8Message encode(ExecutionResult answer) {
            // toSpecification() gives {"data": …} exactly when there are no errors and no extensions
            Utf8Message rendering = answer.isDataPresent() && answer.getErrors().isEmpty() && answer.getExtensions() == null
                    && answer.getData() instanceof Map<?, ?> data ? rendering(data, this::head) : null;
            return rendering != null ? rendering
                    : GraphQlWebSocketConverter.this.encode(GraphQlWebSocketMessage.next(id, answer.toSpecification()));
        }

        private byte[] head(String name) {
            Head known = head;
            if (known == null || !known.name().equals(name)) {
                known = new Head(name, GraphQlWebSocketConverter.head(idPrefix, name));
                head = known;
            }
            return known.bytes();
        }
    }

    private record Head(String name, byte[] bytes) {
    }

    /** A JSON string's contents as Jackson writes them; ids and field names seldom need Jackson's escaping. */
    private static byte[] escaped(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return JsonStringEncoder.getInstance().quoteAsUTF8(text);
            }
        }
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static void quoted(ByteBuffer written, byte[] escaped) {
        written.put((byte) '"').put(escaped).put((byte) '"');
    }
}
