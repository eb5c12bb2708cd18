package io.issuegraph.web;

import io.issuegraph.graphql.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one writer of refusals made before GraphQL runs (no token, an origin that is not allowed, a body
 * that is not a GraphQL request, too many requests): the refusal's status and headers, and a GraphQL
 * response with one error and its classification, so that clients handle all refusals the same way.
 * Written inside the security chain, so every refusal carries the security headers too.
 */
@Component
class RefusalResponses {

    private static final MediaType GRAPHQL_RESPONSE = MediaType.parseMediaType("application/graphql-response+json");

    private final JsonMapper json;

    RefusalResponses(JsonMapper json) {
        this.json = json;
    }

    /** @param request null when the media type cannot be negotiated (JSON then) */
    void write(HttpServletRequest request, HttpServletResponse response, Refusal refusal, String message,
            Long retryAfterSeconds) throws IOException {
        var headers = new HttpHeaders();
        refusal.addHeaders(headers, retryAfterSeconds);
        headers.forEach((name, values) -> values.forEach(value -> response.setHeader(name, value)));
        response.setStatus(refusal.status().value());
        response.setContentType(mediaType(request).toString());
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("classification", refusal.name());
        String requestId = response.getHeader(RequestIds.HEADER);
        if (requestId != null) {
            extensions.put("requestId", requestId);
        }
        if (retryAfterSeconds != null) {
            extensions.put(Refusal.RETRY_AFTER_SECONDS, retryAfterSeconds);
        }
        json.writeValue(new ServletServerHttpResponse(response).getBody(),
                Map.of("errors", List.of(Map.of("message", message, "extensions", extensions))));
    }

    /** As Spring for GraphQL negotiates: the GraphQL response type when asked for, else JSON. */
    private static MediaType mediaType(HttpServletRequest request) {
        if (request == null) {
            return MediaType.APPLICATION_JSON;
        }
        try {
            return MediaType.parseMediaTypes(request.getHeader(HttpHeaders.ACCEPT)).contains(GRAPHQL_RESPONSE)
                    ? GRAPHQL_RESPONSE : MediaType.APPLICATION_JSON;
        } catch (RuntimeException unparsable) {
            return MediaType.APPLICATION_JSON;
        }
    }
}
