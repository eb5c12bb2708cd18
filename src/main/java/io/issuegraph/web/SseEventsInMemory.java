package io.issuegraph.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

/** GraphQL over SSE's responses, with their events written whole ({@link GraphQlHttpConfiguration}). */
final class SseEventsInMemory {

    private SseEventsInMemory() {
    }

    /**
     * An SSE response whose events are serialized in memory before they are written: a client that went
     * away mid-write is then an {@code IOException}, on which the SSE handler ends the stream quietly,
     * not a JSON error that it logs at ERROR (docs/live-updates.md#client-mistakes).
     */
    static ServerResponse of(ServerResponse sse, JsonMapper json) {
        HttpMessageConverter<Object> inMemory = new AbstractHttpMessageConverter<>(MediaType.APPLICATION_JSON) {
            @Override
            protected boolean supports(Class<?> type) {
                return true;
            }

            @Override
            public boolean canRead(Class<?> type, MediaType mediaType) {
                return false;
            }

            @Override
            protected Object readInternal(Class<?> type, HttpInputMessage input) {
                throw new UnsupportedOperationException("writes only");
            }

            @Override
            protected void writeInternal(Object event, HttpOutputMessage output) throws IOException {
                output.getBody().write(json.writeValueAsBytes(event));
            }
        };
        return new ServerResponse() {
            @Override
            public HttpStatusCode statusCode() {
                return sse.statusCode();
            }

            @Override
            public HttpHeaders headers() {
                return sse.headers();
            }

            @Override
            public MultiValueMap<String, Cookie> cookies() {
                return sse.cookies();
            }

            /**
             * The status and headers go out as the stream opens, not with its first event or keep-alive (up
             * to {@code spring.graphql.http.sse.keep-alive} later): the client knows at once that it is
             * subscribed. A client that went away meanwhile gets nothing more, and its operation never runs.
             * Written as Spring's own writer would (status, headers, cookies), which then finds the response
             * committed and changes nothing.
             */
            @Override
            public ModelAndView writeTo(HttpServletRequest request, HttpServletResponse response, Context context)
                    throws ServletException, IOException {
                response.setStatus(sse.statusCode().value());
                sse.headers().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
                sse.cookies().values().forEach(cookies -> cookies.forEach(response::addCookie));
                try {
                    response.flushBuffer();
                } catch (IOException gone) {
                    return null;
                }
                return sse.writeTo(request, response, () -> List.of(inMemory));
            }
        };
    }

}
