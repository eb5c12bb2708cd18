package io.issuegraph.issue;

import io.issuegraph.Sha256;
import io.issuegraph.graphql.ApiException;

/**
 * A client's key that makes retrying a {@code createIssue} safe (docs/api.md#retrying-a-create-safely): per assignee,
 * with a fingerprint of the title and status it was first used with.
 */
record IdempotencyKey(String value, String fingerprint) {

    static final int MAX_LENGTH = 100;

    /** The key of a request, or null when it has none. */
    static IdempotencyKey of(String value, String title, IssueStatus status) {
        if (value == null) {
            return null;
        }
        int length = value.codePointCount(0, value.length());
        if (length < 1 || length > MAX_LENGTH) {
            throw ApiException.badRequest("idempotencyKey must be 1 to " + MAX_LENGTH + " characters");
        }
        return new IdempotencyKey(value, Sha256.hex(status.name() + "\n" + title));
    }

    /** The issue the first request with this key created, if this request asks for the same one. */
    Issue replay(IssueRepository.KeyedIssue first) {
        if (!fingerprint.equals(first.fingerprint())) {
            throw ApiException.badRequest("this idempotencyKey was used before for an issue with another title or status");
        }
        return first.issue();
    }

}
