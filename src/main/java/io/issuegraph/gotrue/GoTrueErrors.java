package io.issuegraph.gotrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the message of a GoTrue (or delete bridge) error body, short enough for a log line or a health detail. */
final class GoTrueErrors {

    private static final int MAX_BODY_BYTES = 4096;
    private static final int MAX_MESSAGE_LENGTH = 200;

    private final JsonMapper json;

    GoTrueErrors(JsonMapper json) {
        this.json = json;
    }

    /**
     * The message of an error body: netlify {@code {code,msg}}, supabase {@code {code,error_code,msg}}
     * or, with a newer API version, {@code {code:"<error_code>",message}} (docs/identity.md#error-bodies).
     */
    String message(InputStream body) {
        try {
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES);
            JsonNode error = json.readTree(bytes);
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
