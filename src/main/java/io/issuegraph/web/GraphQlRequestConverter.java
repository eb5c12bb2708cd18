package io.issuegraph.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.ResolvableType;
import org.springframework.graphql.server.support.SerializableGraphQlRequest;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON converter of Spring for GraphQL's HTTP handler, with what a public endpoint needs on top: a
 * body read no further than the size limit, JSON limits that follow it (no string, name or nesting can
 * cost more), parameters of the right types, no batches, a clear sentence for each of these refusals
 * (the handler's route turns them into GraphQL-shaped 400 and 413 answers), and the GraphQL-over-HTTP
 * {@code documentId} parameter, carried in the extensions as persisted documents expect it.
 */
class GraphQlRequestConverter extends JacksonJsonHttpMessageConverter {

    private static final int MAX_JSON_NESTING = 64;

    private final int maxRequestBytes;

    /** Refuses a body over the size limit (HTTP 413). */
    static class TooLargeException extends HttpMessageNotReadableException {
        TooLargeException(String message, HttpInputMessage input) {
            super(message, input);
        }
    }

    GraphQlRequestConverter(int maxRequestBytes) {
        super(JsonMapper.builder(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(maxRequestBytes)
                        .maxStringLength(maxRequestBytes)
                        .maxNameLength(Math.min(maxRequestBytes, 1_000))
                        .maxNumberLength(100)
                        .maxNestingDepth(MAX_JSON_NESTING)
                        .maxTokenCount(maxRequestBytes / 2L)
                        .build()).build())
                .build());
        this.maxRequestBytes = maxRequestBytes;
    }

    int maxRequestBytes() {
        return maxRequestBytes;
    }

    /** JSON in UTF-8, the only encoding GraphQL over HTTP allows; anything else is a 415. */
    @Override
    public boolean canRead(ResolvableType type, MediaType mediaType) {
        return super.canRead(type, mediaType) && (mediaType == null || mediaType.getCharset() == null
                || StandardCharsets.UTF_8.equals(mediaType.getCharset()));
    }

    @Override
    public Object read(ResolvableType type, HttpInputMessage input, Map<String, Object> hints) throws IOException {
        return type.resolve() == SerializableGraphQlRequest.class ? readRequest(input) : super.read(type, input, hints);
    }

    /** The way Spring for GraphQL's handler reads the body. */
    @Override
    protected Object readInternal(Class<?> type, HttpInputMessage input) throws IOException {
        return type == SerializableGraphQlRequest.class ? readRequest(input) : super.readInternal(type, input);
    }

    private SerializableGraphQlRequest readRequest(HttpInputMessage input) throws IOException {
        if (input.getHeaders().getContentLength() > maxRequestBytes) {
            throw tooLarge(input);
        }
        byte[] body;
        try (InputStream in = input.getBody()) {
            body = in.readNBytes(maxRequestBytes + 1);
        }
        if (body.length > maxRequestBytes) {
            throw tooLarge(input);
        }
        if (body.length == 0) {
            throw invalid("The request body is empty; send a JSON object with a \"query\".", input);
        }
        Object parsed;
        try {
            parsed = getMapper().readValue(body, Object.class);
        } catch (JacksonException malformed) {
            throw invalid(malformed.getMessage() != null && malformed.getMessage().contains("exceeds")
                    ? "The request body exceeds a JSON limit (nesting, string length or number of values)."
                    : "The request body is not valid JSON" + where(malformed) + ".", input);
        }
        if (parsed instanceof List<?>) {
            throw invalid("Batched requests (a JSON array) are not supported; send one request per call.", input);
        }
        if (!(parsed instanceof Map<?, ?> parameters)) {
            throw invalid("The request body must be a JSON object with a \"query\".", input);
        }
        return request(parameters, input);
    }

    private SerializableGraphQlRequest request(Map<?, ?> parameters, HttpInputMessage input) {
        String problem = problemWith(parameters, true);
        if (problem != null) {
            throw invalid(problem, input);
        }
        Object query = parameters.get("query");
        Object extensions = parameters.get("extensions");
        Object documentId = parameters.get("documentId");
        Map<String, Object> allExtensions = extensions == null ? new LinkedHashMap<>() : new LinkedHashMap<>(castMap(extensions));
        if (documentId != null) {
            allExtensions.put("documentId", documentId);
        }
        var request = new SerializableGraphQlRequest();
        // A request by hash alone has no text: "" tells the persisted documents to look it up.
        request.setQuery(query == null ? "" : (String) query);
        request.setOperationName((String) parameters.get("operationName"));
        if (parameters.get("variables") != null) {
            request.setVariables(castMap(parameters.get("variables")));
        }
        request.setExtensions(allExtensions);
        return request;
    }

    private TooLargeException tooLarge(HttpInputMessage input) {
        return new TooLargeException("The request is larger than " + maxRequestBytes
                + " bytes (ISSUEGRAPH_GRAPHQL_MAX_REQUEST_BYTES).", input);
    }

    /**
     * What is wrong with the parameters of a request (over HTTP, or a graphql-ws {@code subscribe}
     * payload), in a sentence for the client; null when nothing.
     *
     * @param byHashAllowed whether a persisted document may come by hash alone, with no text
     */
    static String problemWith(Map<?, ?> parameters, boolean byHashAllowed) {
        Object query = parameters.get("query");
        Object operationName = parameters.get("operationName");
        Object variables = parameters.get("variables");
        Object extensions = parameters.get("extensions");
        Object documentId = parameters.get("documentId");
        if (query != null && !(query instanceof String)) {
            return "\"query\" must be a string holding a GraphQL document.";
        }
        if (operationName != null && !(operationName instanceof String)) {
            return "\"operationName\" must be a string.";
        }
        if (variables != null && !(variables instanceof Map)) {
            return "\"variables\" must be a JSON object.";
        }
        if (extensions != null && !(extensions instanceof Map)) {
            return "\"extensions\" must be a JSON object.";
        }
        if (documentId != null && !(documentId instanceof String)) {
            return "\"documentId\" must be a string.";
        }
        boolean persisted = byHashAllowed && (extensions != null && ((Map<?, ?>) extensions).containsKey("persistedQuery")
                || documentId != null);
        if ((query == null || ((String) query).isBlank()) && !persisted) {
            return "The request has no \"query\": send a GraphQL document.";
        }
        return null;
    }

    private static HttpMessageNotReadableException invalid(String message, HttpInputMessage input) {
        return new HttpMessageNotReadableException(message, input);
    }

    private static String where(JacksonException malformed) {
        var location = malformed.getLocation();
        return location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object map) {
        return (Map<String, Object>) map;
    }
}
