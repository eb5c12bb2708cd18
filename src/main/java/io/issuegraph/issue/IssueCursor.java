package io.issuegraph.issue;

import io.issuegraph.graphql.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque page cursors: the position is the issue id (pages are newest first), wrapped so that clients
 * treat it as a token and the format can change without breaking them.
 */
final class IssueCursor {

    private static final String PREFIX = "issue:";

    private IssueCursor() {
    }

    static String encode(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The id after which the page starts, or null for the first page. */
    static Long decode(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                long id = Long.parseLong(text.substring(PREFIX.length()));
                if (id > 0) {
                    return id;
                }
            }
        } catch (IllegalArgumentException notACursor) {
            // falls through to the client error below (NumberFormatException is one too)
        }
        throw ApiException.badRequest("after must be the endCursor of a previous page");
    }
}
