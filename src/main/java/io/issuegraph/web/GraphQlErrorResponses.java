package io.issuegraph.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of every answer the HTTP edge gives before GraphQL runs (no token, an origin that is not
 * allowed, a body too large, too many requests): a GraphQL response with one error and its
 * classification, so clients handle all refusals the same way.
 */
@Component
class GraphQlErrorResponses {

    private final JsonMapper json;

    GraphQlErrorResponses(JsonMapper json) {
        this.json = json;
    }

    void write(HttpServletResponse response, int status, String classification, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        String requestId = response.getHeader(RequestIds.HEADER);
        json.writeValue(response.getOutputStream(), Map.of("errors", List.of(Map.of("message", message, "extensions",
                requestId == null ? Map.of("classification", classification)
                        : Map.of("classification", classification, "requestId", requestId)))));
    }
}
