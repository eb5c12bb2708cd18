package io.issuegraph.web;

import io.issuegraph.RequestPipeline;
import io.issuegraph.graphql.GraphQlApiProperties;
import io.issuegraph.graphql.Refusal;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;
import org.springframework.graphql.server.webmvc.GraphQlRequestPredicates;
import org.springframework.graphql.server.webmvc.GraphQlSseHandler;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * GraphQL over HTTP on Spring for GraphQL's own {@link GraphQlHttpHandler} (Boot's backs off), with what
 * Spring lacks (docs/api.md#graphql-over-http):
 * <ul>
 * <li>the body read by {@link GraphQlRequestConverter}, and its refusals answered GraphQL-shaped (400,
 *     413, 415) where Spring would answer with an empty body or its error page;</li>
 * <li>GET for queries, on the same handler (a mutation sent so is refused with 405);</li>
 * <li>the status of a refusal that is the whole answer (405, 429, 503; {@link Refusal#decidingStatus}).</li>
 * <li>GraphQL over SSE (POST with {@code Accept: text/event-stream}) on Spring's SSE handler, its body
 *     read by the same converter.</li>
 * </ul>
 * This route runs ahead of Boot's (order 0), which still serves the printed schema.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlHttpConfiguration {

    static final String PATH = "/graphql";
    static final String SEND_JSON = "Send GraphQL requests as Content-Type: application/json (UTF-8).";

    @Bean
    GraphQlRequestConverter graphQlRequestConverter(GraphQlApiProperties properties) {
        return new GraphQlRequestConverter((int) properties.maxRequestBytes().toBytes());
    }

    @Bean
    GraphQlHttpHandler graphQlHttpHandler(WebGraphQlHandler graphQl, GraphQlRequestConverter converter) {
        return new GraphQlHttpHandler(graphQl, converter) {
            @Override
            protected HttpStatus selectResponseStatus(WebGraphQlResponse response, MediaType mediaType) {
                return Refusal.decidingStatus(response.getErrors()).map(error -> ((Refusal) error.getErrorType()).status())
                        .orElseGet(() -> super.selectResponseStatus(response, mediaType));
            }
        };
    }

    /** GraphQL over SSE, as Boot configures it ({@code spring.graphql.http.sse.*}). */
    @Bean
    GraphQlSseHandler graphQlSseHandler(WebGraphQlHandler graphQl, GraphQlProperties properties) {
        return new GraphQlSseHandler(graphQl, properties.getHttp().getSse().getTimeout(),
                properties.getHttp().getSse().getKeepAlive());
    }

    @Bean
    @Order(RequestPipeline.GRAPHQL_ROUTES)
    RouterFunction<ServerResponse> graphQlOverHttp(GraphQlHttpHandler handler, GraphQlSseHandler sse,
            GraphQlRequestConverter converter, RefusalResponses refusals, JsonMapper json) {
        return RouterFunctions.route()
                .route(GraphQlRequestPredicates.graphQlHttp(PATH), handler::handleRequest)
                // the SSE handler reads the body with the request's converters: here, the constrained one
                .route(GraphQlRequestPredicates.graphQlSse(PATH),
                        request -> SseEventsInMemory.of(sse.handleRequest(ServerRequest.create(request.servletRequest(),
                                List.of(converter))), json))
                .GET(PATH, request -> get(request, handler, converter))
                .POST(PATH, GraphQlHttpConfiguration::notJson)
                .onError(GraphQlRequestConverter.TooLargeException.class, (error, request) ->
                        refuse(refusals, request, Refusal.PAYLOAD_TOO_LARGE, error.getMessage()))
                .onError(HttpMessageNotReadableException.class, (error, request) ->
                        refuse(refusals, request, Refusal.BAD_REQUEST, error.getMessage()))
                .onError(ServerWebInputException.class, (error, request) -> refuse(refusals, request, Refusal.BAD_REQUEST,
                        "The request is not a GraphQL request: send a JSON object with a \"query\"."))
                .onError(HttpMediaTypeNotSupportedException.class, (error, request) -> refuse(refusals, request,
                        Refusal.UNSUPPORTED_MEDIA_TYPE, SEND_JSON))
                .build();
    }

    /**
     * GET {@code ?query=…&variables=…}: the parameters become the JSON body of the same request, so that
     * they are checked, executed and answered exactly as a POST is; marked read-only for the interceptor.
     */
    private static ServerResponse get(ServerRequest request, GraphQlHttpHandler handler, GraphQlRequestConverter converter)
            throws Exception {
        String queryString = request.servletRequest().getQueryString();
        if (queryString != null && queryString.length() > converter.maxRequestBytes()) {
            throw new GraphQlRequestConverter.TooLargeException("The request is larger than "
                    + converter.maxRequestBytes() + " bytes (ISSUEGRAPH_GRAPHQL_MAX_REQUEST_BYTES).", null);
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (String name : List.of("query", "operationName", "documentId")) {
            request.param(name).ifPresent(value -> parameters.put(name, value));
        }
        for (String name : List.of("variables", "extensions")) {
            String value = request.param(name).orElse(null);
            if (value != null) {
                try {
                    parameters.put(name, converter.getMapper().readValue(value, Object.class));
                } catch (JacksonException malformed) {
                    throw new HttpMessageNotReadableException("The \"" + name + "\" parameter is not valid JSON.", null);
                }
            }
        }
        byte[] body = converter.getMapper().writeValueAsBytes(parameters);
        HttpServletRequest asPost = new JsonBodyRequest(request.servletRequest(), body);
        asPost.setAttribute(HttpEdgeInterceptor.READ_ONLY, true);
        return handler.handleRequest(ServerRequest.create(asPost, List.of(converter)));
    }

    private static ServerResponse notJson(ServerRequest request) throws HttpMediaTypeNotSupportedException {
        throw new HttpMediaTypeNotSupportedException("not JSON");
    }

    private static ServerResponse refuse(RefusalResponses refusals, ServerRequest request, Refusal refusal, String message) {
        return ServerResponse.status(refusal.status()).build((servletRequest, response) -> {
            refusals.write(servletRequest, response, refusal, message, null);
            return null;
        });
    }

    /** A GET request whose parameters are presented as a JSON body. */
    private static final class JsonBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        JsonBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public String getContentType() {
            return MediaType.APPLICATION_JSON_VALUE;
        }

        @Override
        public String getHeader(String name) {
            return "Content-Type".equalsIgnoreCase(name) ? getContentType() : super.getHeader(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaders(String name) {
            return "Content-Type".equalsIgnoreCase(name) ? java.util.Collections.enumeration(List.of(getContentType()))
                    : super.getHeaders(name);
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }
}
