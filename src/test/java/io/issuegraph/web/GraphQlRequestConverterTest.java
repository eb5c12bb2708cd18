package io.issuegraph.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.server.support.SerializableGraphQlRequest;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;

class GraphQlRequestConverterTest {

    private final GraphQlRequestConverter converter = new GraphQlRequestConverter(1_024);

    @Test
    void readsAGraphQlRequestWithDocumentIdInItsExtensions() throws Exception {
        var request = read("{\"query\":\"{ me { id } }\",\"operationName\":null,\"variables\":{\"a\":1},"
                + "\"extensions\":{\"x\":true},\"documentId\":\"sha256:abc\"}");

        assertThat(request.getDocument()).isEqualTo("{ me { id } }");
        assertThat(request.getVariables()).containsEntry("a", 1);
        assertThat(request.getExtensions()).containsEntry("x", true).containsEntry("documentId", "sha256:abc");
        assertThat(read("{\"extensions\":{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"abc\"}}}").getDocument()).isEmpty();
    }

    @Test
    void refusesWhatIsNotOneGraphQlRequestWithASentenceForEach() {
        Map<String, String> refusals = Map.of(
                "", "empty",
                "{\"query\":", "not valid JSON (line 1",
                "[{\"query\":\"{ me { id } }\"}]", "Batched requests",
                "\"{ me { id } }\"", "must be a JSON object",
                "{\"query\":42}", "\"query\" must be a string",
                "{\"query\":\"{ me { id } }\",\"variables\":\"{}\"}", "\"variables\" must be a JSON object",
                "{\"query\":\"{ me { id } }\",\"extensions\":7}", "\"extensions\" must be a JSON object",
                "{\"documentId\":42}", "\"documentId\" must be a string",
                "{\"operationName\":\"Me\"}", "no \"query\"",
                "[".repeat(100) + "]".repeat(100), "exceeds a JSON limit");
        refusals.forEach((body, message) -> assertThatThrownBy(() -> read(body)).as(body)
                .isInstanceOf(HttpMessageNotReadableException.class)
                .isNotInstanceOf(GraphQlRequestConverter.TooLargeException.class)
                .hasMessageContaining(message));
    }

    @Test
    void aBodyOverTheLimitIsTooLargeWhetherOrNotItsLengthIsDeclared() {
        String large = "{\"query\":\"{ me { id } }\",\"x\":\"" + "y".repeat(2_000) + "\"}";
        var declared = new MockHttpInputMessage(large.getBytes(StandardCharsets.UTF_8));
        declared.getHeaders().setContentLength(large.length());

        assertThatThrownBy(() -> read(large)).isInstanceOf(GraphQlRequestConverter.TooLargeException.class)
                .hasMessageContaining("1024 bytes");
        assertThatThrownBy(() -> converter.read(SerializableGraphQlRequest.class, declared))
                .isInstanceOf(GraphQlRequestConverter.TooLargeException.class);
    }

    @Test
    void readsJsonInUtf8Only() {
        assertThat(converter.canRead(SerializableGraphQlRequest.class, MediaType.APPLICATION_JSON)).isTrue();
        assertThat(converter.canRead(SerializableGraphQlRequest.class, MediaType.parseMediaType("application/json;charset=utf-8")))
                .isTrue();
        assertThat(converter.canRead(SerializableGraphQlRequest.class, MediaType.parseMediaType("application/json;charset=latin1")))
                .isFalse();
        assertThat(converter.canRead(SerializableGraphQlRequest.class, MediaType.TEXT_PLAIN)).isFalse();
    }

    private SerializableGraphQlRequest read(String body) throws Exception {
        return (SerializableGraphQlRequest) converter.read(SerializableGraphQlRequest.class,
                new MockHttpInputMessage(body.getBytes(StandardCharsets.UTF_8)));
    }
}
