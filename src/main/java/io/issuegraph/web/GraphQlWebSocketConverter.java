package io.issuegraph.web;

import graphql.ExecutionResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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
        byte[] rendering = message instanceof GraphQlWebSocketMessage graphQlWs ? rendering(graphQlWs) : null;
        if (rendering != null) {
            output.getBody().write(rendering);
        } else {
            super.writeInternal(message, type, output, hints);
        }
    }

    /** The message as JSON: {@link #rendering}'s bytes for a shared rendering's {@code next}, otherwise Jackson's. */
    byte[] encode(GraphQlWebSocketMessage message) {
        byte[] rendering = rendering(message);
        return rendering != null ? rendering : getMapper().writeValueAsBytes(message);
    }

    /**
     * {@code {"id":…,"payload":{"data":{"<field>":<rendering>}},"type":"next"}}, the order Jackson 3 writes a
     * message's properties in (alphabetical), made in one array of its exact size (the handler's buffer would
     * otherwise grow by doubling, copying at each step); null for any other message.
     */
    static byte @Nullable [] rendering(GraphQlWebSocketMessage message) {
        if (message.resolvedType() != GraphQlWebSocketMessageType.NEXT || message.getId() == null
                || !(message.getPayload() instanceof Map<?, ?> payload) || payload.size() != 1
                || !(payload.get("data") instanceof Map<?, ?> data)) {
            return null;
        }
        return rendering(idPrefix(message.getId()), data);
    }

    /** The bytes each of the operation's rendered {@code next} messages opens with: its id, quoted, up to its data. */
    private static byte[] idPrefix(String id) {
        byte[] escaped = escaped(id);
        var prefix = ByteBuffer.allocate(ID.length + escaped.length + PAYLOAD.length + 2);
        prefix.put(ID);
        quoted(prefix, escaped);
        return prefix.put(PAYLOAD).array();
    }

    /** The message of a payload's {@code data} that is one field's shared rendering; null for any other data. */
    private static byte @Nullable [] rendering(byte[] idPrefix, Map<?, ?> data) {
        if (data.size() != 1) {
            return null;
        }
        Map.Entry<?, ?> field = data.entrySet().iterator().next();
        if (!(field.getKey() instanceof String name) || !(field.getValue() instanceof RawValue rendering)
                || !(rendering.rawValue() instanceof SerializableString json)) {
            return null;
        }
        byte[] fieldName = escaped(name);
        byte[] value = json.asUnquotedUTF8(); // made once for all who share the rendering
        var written = ByteBuffer.allocate(idPrefix.length + fieldName.length + value.length + TYPE.length
                + 3); // and two quotes and a colon
        written.put(idPrefix);
        quoted(written, fieldName);
        written.put((byte) ':').put(value).put(TYPE);
        return written.array();
    }

    /** The {@code next} messages of the operation {@code id}, its id escaped once. */
    NextMessages nextMessages(String id) {
        return new NextMessages(id, idPrefix(id));
    }

    /**
     * An operation's {@code next} messages, each the bytes of {@code GraphQlWebSocketMessage.next(id,
     * answer.toSpecification())} as {@link #encode} writes it. A shared rendering without errors or extensions,
     * which is what a direct delivery mostly writes, is written without making that message and its maps.
     */
    final class NextMessages {

        private final String id;
        private final byte[] idPrefix;

        private NextMessages(String id, byte[] idPrefix) {
            this.id = id;
            this.idPrefix = idPrefix;
        }

        byte[] encode(ExecutionResult answer) {
            // toSpecification() gives {"data": …} exactly when there are no errors and no extensions
            byte[] rendering = answer.isDataPresent() && answer.getErrors().isEmpty() && answer.getExtensions() == null
                    && answer.getData() instanceof Map<?, ?> data ? rendering(idPrefix, data) : null;
            return rendering != null ? rendering
                    : GraphQlWebSocketConverter.this.encode(GraphQlWebSocketMessage.next(id, answer.toSpecification()));
        }
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
