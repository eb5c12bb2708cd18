package io.issuegraph.identity;

import io.issuegraph.gotrue.GoTrueClient;
import java.util.regex.Pattern;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Refuses, at verification, callers whose identity issuegraph could not store or act on, so that they
 * get UNAUTHORIZED at the door instead of an INTERNAL_ERROR half-way through a mutation:
 * <ul>
 * <li>a user id ({@code sub}) longer than the columns that hold it (64, {@code issues.assignee_id} and
 *     {@code account_deletions.user_id}) or not printable ASCII, their character set;</li>
 * <li>an email longer than RFC 5321 allows (254); never truncated, since {@code assigneeEmail} is an
 *     exact match;</li>
 * <li>where Identity users are deleted through GoTrue's admin API or the bridge, a {@code sub} that is
 *     not a UUID: GoTrue's ids are UUIDs, and such a user could never be deleted.</li>
 * </ul>
 * Names that are too long are truncated instead (see {@link IdentityUser#from}).
 */
final class StorableIdentityCheck {

    static final int MAX_ID_LENGTH = 64;
    static final int MAX_EMAIL_LENGTH = 254;
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x21-\\x7E]+");

    private final boolean uuidRequired;

    /** @param uuidRequired whether Identity users are deleted through GoTrue (admin API or bridge) */
    StorableIdentityCheck(boolean uuidRequired) {
        this.uuidRequired = uuidRequired;
    }

    void checkId(String id) {
        if (id == null || id.length() > MAX_ID_LENGTH || !PRINTABLE_ASCII.matcher(id).matches()) {
            throw new InvalidBearerTokenException("The bearer token's user id cannot be stored.");
        }
        if (uuidRequired && !GoTrueClient.isUserId(id)) {
            throw new InvalidBearerTokenException("The bearer token's user id is not a UUID, so this account "
                    + "could not be deleted.");
        }
    }

    void check(IdentityUser user) {
        checkId(user.id());
        if (user.email().codePointCount(0, user.email().length()) > MAX_EMAIL_LENGTH) {
            throw new InvalidBearerTokenException("The bearer token's email is longer than " + MAX_EMAIL_LENGTH
                    + " characters.");
        }
    }
}
