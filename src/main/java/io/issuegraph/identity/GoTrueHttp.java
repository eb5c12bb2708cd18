package io.issuegraph.identity;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls to GoTrue (and the delete bridge): bounded by timeouts, and readers of both error shapes. */
final class GoTrueHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_MESSAGE_LENGTH = 200;

    private GoTrueHttp() {
    }

    static RestClient client(URI baseUrl, IdentityProperties properties) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        var requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(properties.readTimeout());
        return RestClient.builder().baseUrl(baseUrl.toString()).requestFactory(requests).build();
    }

    /**
     * The message of a GoTrue error body: netlify {@code {code,msg}}, supabase {@code {code,error_code,msg}}
     * or, with a newer API version, {@code {code:"<error_code>",message}} (contract §6).
     */
    static String errorMessage(InputStream body) {
        try {
            byte[] bytes = body.readNBytes(4096);
            JsonNode error = JSON.readTree(bytes);
            for (String field : new String[] {"msg", "message", "error_description", "error"}) {
                if (error != null && error.path(field).isString()) {
                    return shorten(error.path(field).asString());
                }
            }
            return shorten(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException unreadable) {
            return "(no readable error body)";
        }
    }

    private static String shorten(String message) {
        String line = message.replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_MESSAGE_LENGTH ? line : line.substring(0, MAX_MESSAGE_LENGTH) + "…";
    }
}
