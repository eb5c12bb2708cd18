package io.issuegraph.issue;

import io.issuegraph.graphql.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Opaque page cursors: the order they belong to and the position of an issue in it (its id, and for
 * {@code UPDATED_AT} its {@code updatedAt} in milliseconds), wrapped so that clients treat them as tokens
 * and the format can change without breaking them. A cursor continues only the order it came from; the
 * filter may change between pages, since a position in an order means the same whatever the filter.
 */
final class IssueCursor {

    private static final String PREFIX = "issue:";
    private static final String NOT_A_CURSOR = "after must be the endCursor of a previous page";

    private IssueCursor() {
    }

    /** Where a page starts: after this issue. {@code updatedAt} is null in the {@code CREATED_AT} order. */
    record Position(long id, Instant updatedAt) {
    }

    static String encode(IssueOrder order, Issue issue) {
        String position = byUpdatedAt(order) ? issue.updatedAt().toInstant().toEpochMilli() + ":" + issue.id()
                : String.valueOf(issue.id());
        String text = PREFIX + order.field() + ":" + order.direction() + ":" + position;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The position after which the page starts, or null for the first page. */
    static Position decode(String cursor, IssueOrder order) {
        if (cursor == null) {
            return null;
        }
        String[] parts;
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            parts = text.startsWith(PREFIX) ? text.substring(PREFIX.length()).split(":", -1) : new String[0];
        } catch (IllegalArgumentException notBase64) {
            throw ApiException.badRequest(NOT_A_CURSOR);
        }
        if (parts.length < 3) {
            throw ApiException.badRequest(NOT_A_CURSOR);
        }
        if (!(order.field() + ":" + order.direction()).equals(parts[0] + ":" + parts[1])) {
            throw ApiException.badRequest("after is a cursor of another order (" + parts[0] + " " + parts[1]
                    + "): a cursor continues only the orderBy it came from (here " + order + ")");
        }
        try {
            if (byUpdatedAt(order) && parts.length == 4) {
                return new Position(positive(parts[3]), Instant.ofEpochMilli(Long.parseLong(parts[2])));
            }
            if (!byUpdatedAt(order) && parts.length == 3) {
                return new Position(positive(parts[2]), null);
            }
        } catch (IllegalArgumentException notANumber) {
            // falls through to the client error below (NumberFormatException is one)
        }
        throw ApiException.badRequest(NOT_A_CURSOR);
    }

    private static long positive(String digits) {
        long id = Long.parseLong(digits);
        if (id <= 0) {
            throw new IllegalArgumentException("ids are positive");
        }
        return id;
    }

    private static boolean byUpdatedAt(IssueOrder order) {
        return order.field() == IssueOrder.IssueOrderField.UPDATED_AT;
    }
}
