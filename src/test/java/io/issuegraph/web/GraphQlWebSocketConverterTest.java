package io.issuegraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.graphql.server.support.GraphQlWebSocketMessage;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.util.RawValue;

/**
 * Every graphql-ws message comes out of {@link GraphQlWebSocketConverter} byte for byte as Jackson writes it
 * (the HTTP converter, which has no shortcut), whichever way it is written: ids and names that need escaping,
 * and the messages that are not a shared rendering (a raw value that is not a {@code SerializedString} among
 * them); and an operation's answers written straight to its connection, errors and extensions included.
 */
class GraphQlWebSocketConverterTest {

    private static final String RENDERING = "{\"kind\":\"CREATED\",\"issue\":{\"id\":\"7\",\"title\":\"é \\\"q\\\" ✓\"}}";

    static List<GraphQlWebSocketMessage> messages() {
        var messages = new ArrayList<GraphQlWebSocketMessage>();
        for (String id : List.of("1", "a\"b\\c", "tab\tnewline\n\u0001\u001f", "é ✓ 😀 \u2028", "</script>", "")) {
            messages.add(next(id, "issueEvents", shared(RENDERING)));
        }
        messages.add(next("2", "renamed_1", shared("null")));
        messages.add(next("8", "issueEvents", new RawValue(RENDERING)));
        messages.add(next("3", "issueEvents", Map.of("kind", "CREATED")));
        var withErrors = new LinkedHashMap<String, Object>();
        withErrors.put("data", Map.of("issueEvents", shared(RENDERING)));
        withErrors.put("errors", List.of(Map.of("message", "no")));
        messages.add(GraphQlWebSocketMessage.next("4", withErrors));
        var twoFields = new LinkedHashMap<String, Object>();
        twoFields.put("a", shared("1"));
        twoFields.put("b", shared("2"));
        messages.add(GraphQlWebSocketMessage.next("5", Map.of("data", twoFields)));
        messages.add(GraphQlWebSocketMessage.complete("6"));
        messages.add(GraphQlWebSocketMessage.error("7", List.of()));
        messages.add(GraphQlWebSocketMessage.ping(null));
        messages.add(GraphQlWebSocketMessage.connectionAck(Map.of()));
        return messages;
    }

    /** A rendering as {@code graphql.SharedEventExecution} makes it. */
    private static RawValue shared(String json) {
        return new RawValue(new SerializedString(json));
    }

    private static GraphQlWebSocketMessage next(String id, String field, Object value) {
        return GraphQlWebSocketMessage.next(id, Map.of("data", Map.of(field, value)));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void writesWhatJacksonWrites(GraphQlWebSocketMessage message) throws IOException {
        String jackson = written(new GraphQlRequestConverter(8192), message);

        assertThat(written(new GraphQlWebSocketConverter(8192), message)).isEqualTo(jackson);
    }

    @ParameterizedTest
    @MethodSource("messages")
    void onlyASharedRenderingTakesTheShortcut(GraphQlWebSocketMessage message) throws IOException {
        boolean sharedRendering = message.getPayload() instanceof Map<?, ?> payload && payload.size() == 1
                && payload.get("data") instanceof Map<?, ?> data && data.size() == 1
                && data.values().iterator().next() instanceof RawValue rendering
                && rendering.rawValue() instanceof SerializedString;
        Utf8Message rendering = GraphQlWebSocketConverter.rendering(message);

        assertThat(rendering != null).isEqualTo(sharedRendering);
        if (sharedRendering) {
            assertThat(new String(rendering.bytes(), StandardCharsets.UTF_8))
                    .isEqualTo(written(new GraphQlRequestConverter(8192), message));
        }
    }

    /** What a direct delivery writes (docs/live-updates.md#direct-delivery). */
    @ParameterizedTest
    @MethodSource("messages")
    void encodesWhatJacksonWrites(GraphQlWebSocketMessage message) throws IOException {
        String jackson = written(new GraphQlRequestConverter(8192), message);

        assertThat(new String(new GraphQlWebSocketConverter(8192).encode(message).bytes(), StandardCharsets.UTF_8)).isEqualTo(jackson);
    }

    static List<Arguments> answers() {
        var answers = new ArrayList<ExecutionResult>();
        answers.add(ExecutionResult.newExecutionResult().data(Map.of("issueEvents", shared(RENDERING))).build());
        answers.add(ExecutionResult.newExecutionResult().data(Map.of("renamed_1", shared("null"))).build());
        answers.add(ExecutionResult.newExecutionResult().data(Map.of("issueEvents", new RawValue(RENDERING))).build());
        answers.add(ExecutionResult.newExecutionResult().data(Map.of("issueEvents", Map.of("kind", "CREATED"))).build());
        var twoFields = new LinkedHashMap<String, Object>();
        twoFields.put("a", shared("1"));
        twoFields.put("b", shared("2"));
        answers.add(ExecutionResult.newExecutionResult().data(twoFields).build());
        answers.add(ExecutionResult.newExecutionResult().data(Map.of("issueEvents", shared(RENDERING)))
                .addError(GraphqlErrorBuilder.newError().message("no").build()).build());
        answers.add(ExecutionResult.newExecutionResult().data(Map.of("issueEvents", shared(RENDERING)))
                .extensions(Map.of("cost", 1)).build());
        answers.add(ExecutionResult.newExecutionResult().data(null).build());
        answers.add(ExecutionResult.newExecutionResult()
                .addError(GraphqlErrorBuilder.newError().message("not there").build()).build());
        var arguments = new ArrayList<Arguments>();
        for (String id : List.of("1", "a\"b\\c", "tab\tnewline\n\u0001", "é ✓ 😀 \u2028", "")) {
            answers.forEach(answer -> arguments.add(Arguments.of(id, answer)));
        }
        return arguments;
    }

    /** What a direct delivery writes for an operation's answer: the message the chain would make of it, as Jackson writes it. */
    @ParameterizedTest
    @MethodSource("answers")
    void writesAnOperationsAnswerAsJacksonWritesItsNextMessage(String id, ExecutionResult answer) throws IOException {
        String jackson = written(new GraphQlRequestConverter(8192), GraphQlWebSocketMessage.next(id, answer.toSpecification()));
        GraphQlWebSocketConverter converter = new GraphQlWebSocketConverter(8192);

        assertThat(new String(converter.nextMessages(id).encode(answer).bytes(), StandardCharsets.UTF_8)).isEqualTo(jackson);
    }

    /** An operation's head is made once and kept: each of its messages is still the one Jackson writes. */
    @Test
    void anOperationsMessagesOneAfterAnotherAreEachWhatJacksonWrites() throws IOException {
        var converter = new GraphQlWebSocketConverter(8192);
        GraphQlWebSocketConverter.NextMessages messages = converter.nextMessages("7");
        for (Arguments arguments : answers().subList(0, 9)) {
            var answer = (ExecutionResult) arguments.get()[1];
            String jackson = written(new GraphQlRequestConverter(8192), GraphQlWebSocketMessage.next("7", answer.toSpecification()));

            assertThat(new String(messages.encode(answer).bytes(), StandardCharsets.UTF_8)).isEqualTo(jackson);
        }
    }

    @SuppressWarnings("unchecked")
    private static String written(HttpMessageConverter<?> converter, GraphQlWebSocketMessage message) throws IOException {
        var output = new Output();
        ((HttpMessageConverter<Object>) converter).write(message, null, output);
        return output.body.toString(StandardCharsets.UTF_8);
    }

    private static final class Output implements HttpOutputMessage {

        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final HttpHeaders headers = new HttpHeaders();

        @Override
        public OutputStream getBody() {
            return body;
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }
    }
}
