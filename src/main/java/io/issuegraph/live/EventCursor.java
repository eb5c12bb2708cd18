package io.issuegraph.live;

import io.issuegraph.graphql.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An event's position in the stream, as clients see it: opaque, and carrying the event's time, so that a
 * cursor older than the retention window is recognised without a query.
 */
record EventCursor(long id, Instant time) {

    private static final Pattern FORMAT = Pattern.compile("e1:([0-9]{1,19}):([0-9]{1,19})");

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("e1:" + id + ":" + time.toEpochMilli()).getBytes(StandardCharsets.US_ASCII));
    }

    static EventCursor decode(String cursor) {
        Matcher parts;
        try {
            parts = FORMAT.matcher(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException notBase64) {
            parts = null;
        }
        if (parts == null || !parts.matches()) {
            throw ApiException.badRequest("after is not a cursor of issueEvents: pass the cursor of the last event you got");
        }
        try {
            return new EventCursor(Long.parseLong(parts.group(1)), Instant.ofEpochMilli(Long.parseLong(parts.group(2))));
        } catch (NumberFormatException | java.time.DateTimeException outOfRange) {
            throw ApiException.badRequest("after is not a cursor of issueEvents: pass the cursor of the last event you got");
        }
    }
}
