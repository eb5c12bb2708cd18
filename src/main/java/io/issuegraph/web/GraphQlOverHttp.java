package io.issuegraph.web;

import graphql.ErrorClassification;
import graphql.GraphqlErrorBuilder;
import io.issuegraph.graphql.GraphQlApiProperties;
import io.issuegraph.graphql.QueriesOnly;
import io.issuegraph.graphql.RequestRefusal;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;
import org.springframework.graphql.support.DefaultGraphQlRequest;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * GraphQL over HTTP, POST and GET, in front of Spring for GraphQL's {@link WebGraphQlHandler}: this
 * class turns HTTP into a {@link WebGraphQlRequest} (so interceptors, security and error handling are
 * the same for both methods) and refuses, with a GraphQL-shaped error and the right status, whatever
 * is not a GraphQL request: a body over the size limit (413), one that is not JSON (415), malformed JSON
 * or parameters of the wrong type (400), a batch (400), a mutation over GET (405). Response media types
 * and status codes are Spring for GraphQL's, which follow the GraphQL-over-HTTP specification.
 */
class GraphQlOverHttp extends GraphQlHttpHandler {

    private static final MediaType GRAPHQL_RESPONSE = MediaType.parseMediaType("application/graphql-response+json");
    private static final int MAX_JSON_NESTING = 64;

    private final WebGraphQlHandler graphQl;
    private final JsonMapper requestJson;
    private final int maxRequestBytes;
    private final RequestIds requestIds;
    private final RateLimits rateLimits;
    private final Membership membership;

    GraphQlOverHttp(WebGraphQlHandler graphQl, GraphQlApiProperties properties, RequestIds requestIds,
            RateLimits rateLimits, Membership membership) {
        super(graphQl);
        this.rateLimits = rateLimits;
        this.membership = membership;
        this.graphQl = graphQl;
        this.maxRequestBytes = (int) properties.maxRequestBytes().toBytes();
        this.requestIds = requestIds;
        // JSON limits follow the body limit, so that no single string, name or nesting can cost more.
        this.requestJson = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(maxRequestBytes)
                        .maxStringLength(maxRequestBytes)
                        .maxNameLength(Math.min(maxRequestBytes, 1_000))
                        .maxNumberLength(100)
                        .maxNestingDepth(MAX_JSON_NESTING)
                        .maxTokenCount(maxRequestBytes / 2L)
                        .build()).build())
                .build();
    }

    ServerResponse post(ServerRequest request) throws ServletException {
        MediaType contentType;
        try {
            contentType = request.headers().contentType().orElse(null);
        } catch (InvalidMediaTypeException malformed) {
            contentType = null;
        }
        if (contentType == null || !MediaType.APPLICATION_JSON.isCompatibleWith(contentType)
                || !(contentType.getCharset() == null || "UTF-8".equalsIgnoreCase(contentType.getCharset().name()))) {
            return refuse(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, RequestRefusal.UNSUPPORTED_MEDIA_TYPE,
                    "Send GraphQL requests as Content-Type: application/json (UTF-8).");
        }
        if (request.servletRequest().getContentLengthLong() > maxRequestBytes) {
            return tooLarge(request);
        }
        byte[] body;
        try (InputStream in = request.servletRequest().getInputStream()) {
            body = in.readNBytes(maxRequestBytes + 1);
        } catch (IOException unreadable) {
            return badRequest(request, "The request body could not be read.");
        }
        if (body.length > maxRequestBytes) {
            return tooLarge(request);
        }
        if (body.length == 0) {
            return badRequest(request, "The request body is empty; send a JSON object with a \"query\".");
        }
        Object parsed;
        try {
            parsed = requestJson.readValue(body, Object.class);
        } catch (JacksonException malformed) {
            return badRequest(request, malformed.getMessage() != null && malformed.getMessage().contains("exceeds")
                    ? "The request body exceeds a JSON limit (nesting, string length or number of values)."
                    : "The request body is not valid JSON" + where(malformed) + ".");
        }
        if (parsed instanceof List<?>) {
            return badRequest(request, "Batched requests (a JSON array) are not supported; send one request per call.");
        }
        if (!(parsed instanceof Map<?, ?> parameters)) {
            return badRequest(request, "The request body must be a JSON object with a \"query\".");
        }
        return execute(request, parameters, false);
    }

    ServerResponse get(ServerRequest request) throws ServletException {
        String queryString = request.servletRequest().getQueryString();
        if (queryString != null && queryString.length() > maxRequestBytes) {
            return tooLarge(request);
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (String name : List.of("query", "operationName", "documentId")) {
            request.param(name).ifPresent(value -> parameters.put(name, value));
        }
        for (String name : List.of("variables", "extensions")) {
            String value = request.param(name).orElse(null);
            if (value != null) {
                try {
                    parameters.put(name, requestJson.readValue(value, Object.class));
                } catch (JacksonException malformed) {
                    return badRequest(request, "The \"" + name + "\" parameter is not valid JSON" + where(malformed) + ".");
                }
            }
        }
        return execute(request, parameters, true);
    }

    private ServerResponse execute(ServerRequest request, Map<?, ?> parameters, boolean readOnly)
            throws ServletException {
        Object query = parameters.get("query");
        Object operationName = parameters.get("operationName");
        Object variables = parameters.get("variables");
        Object extensions = parameters.get("extensions");
        Object documentId = parameters.get("documentId");
        if (query != null && !(query instanceof String)) {
            return badRequest(request, "\"query\" must be a string holding a GraphQL document.");
        }
        if (operationName != null && !(operationName instanceof String)) {
            return badRequest(request, "\"operationName\" must be a string.");
        }
        if (variables != null && !(variables instanceof Map)) {
            return badRequest(request, "\"variables\" must be a JSON object.");
        }
        if (extensions != null && !(extensions instanceof Map)) {
            return badRequest(request, "\"extensions\" must be a JSON object.");
        }
        if (documentId != null && !(documentId instanceof String)) {
            return badRequest(request, "\"documentId\" must be a string.");
        }
        Map<String, Object> allExtensions = extensions == null ? new LinkedHashMap<>() : castMap(extensions);
        if (documentId != null) {
            allExtensions = new LinkedHashMap<>(allExtensions);
            allExtensions.put("documentId", documentId);
        }
        if ((query == null || ((String) query).isBlank()) && !allExtensions.containsKey("persistedQuery")
                && documentId == null) {
            return badRequest(request, "The request has no \"query\": send a GraphQL document.");
        }
        var graphQlRequest = new WebGraphQlRequest(request.uri(), request.headers().asHttpHeaders(), cookies(request),
                request.remoteAddress().orElse(null), request.attributes(),
                new DefaultGraphQlRequest(query == null ? "" : (String) query, (String) operationName,
                        variables == null ? null : castMap(variables), allExtensions),
                requestIds.of(request.servletRequest()), LocaleContextHolder.getLocale());
        if (readOnly) {
            QueriesOnly.mark(graphQlRequest);
        }
        rateLimits.identify(request.servletRequest(), graphQlRequest);
        membership.identify(graphQlRequest);
        Mono<WebGraphQlResponse> response = graphQl.handleRequest(graphQlRequest).map(GraphQlOverHttp::refusalHeaders);
        return prepareResponse(request, response);
    }

    /** A 405 names the method that would have worked; a 429 says when to come back. */
    private static WebGraphQlResponse refusalHeaders(WebGraphQlResponse response) {
        for (ResponseError error : response.getErrors()) {
            if (error.getErrorType() == RequestRefusal.METHOD_NOT_ALLOWED) {
                response.getResponseHeaders().set(HttpHeaders.ALLOW, "POST");
            } else if (error.getErrorType() == RequestRefusal.TOO_MANY_REQUESTS) {
                response.getResponseHeaders().set(HttpHeaders.RETRY_AFTER,
                        String.valueOf(error.getExtensions().get("retryAfterSeconds")));
            }
        }
        return response;
    }

    @Override
    protected HttpStatus selectResponseStatus(WebGraphQlResponse response, MediaType responseMediaType) {
        for (ResponseError error : response.getErrors()) {
            if (error.getErrorType() == RequestRefusal.METHOD_NOT_ALLOWED) {
                return HttpStatus.METHOD_NOT_ALLOWED;
            }
            if (error.getErrorType() == RequestRefusal.TOO_MANY_REQUESTS) {
                return HttpStatus.TOO_MANY_REQUESTS;
            }
        }
        return super.selectResponseStatus(response, responseMediaType);
    }

    private ServerResponse tooLarge(ServerRequest request) {
        return refuse(request, HttpStatus.CONTENT_TOO_LARGE, RequestRefusal.PAYLOAD_TOO_LARGE,
                "The request is larger than " + maxRequestBytes + " bytes (ISSUEGRAPH_GRAPHQL_MAX_REQUEST_BYTES).");
    }

    private ServerResponse badRequest(ServerRequest request, String message) {
        return refuse(request, HttpStatus.BAD_REQUEST, ErrorType.BAD_REQUEST, message);
    }

    private ServerResponse refuse(ServerRequest request, HttpStatus status, ErrorClassification classification,
            String message) {
        var error = GraphqlErrorBuilder.newError().message(message).errorType(classification)
                .extensions(Map.of("requestId", requestIds.of(request.servletRequest()))).build();
        return ServerResponse.status(status).contentType(responseMediaType(request))
                .body(Map.of("errors", List.of(error.toSpecification())));
    }

    /** As Spring for GraphQL negotiates: the GraphQL response type when asked for, else JSON. */
    private static MediaType responseMediaType(ServerRequest request) {
        try {
            return request.headers().accept().stream().filter(GRAPHQL_RESPONSE::equals).findFirst()
                    .orElse(MediaType.APPLICATION_JSON);
        } catch (InvalidMediaTypeException malformed) {
            return MediaType.APPLICATION_JSON;
        }
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

    private static MultiValueMap<String, HttpCookie> cookies(ServerRequest request) {
        MultiValueMap<String, HttpCookie> cookies = new LinkedMultiValueMap<>();
        request.cookies().forEach((name, values) -> values.forEach(
                (Cookie cookie) -> cookies.add(name, new HttpCookie(cookie.getName(), cookie.getValue()))));
        return cookies;
    }
}
