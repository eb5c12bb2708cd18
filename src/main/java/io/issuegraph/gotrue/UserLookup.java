package io.issuegraph.gotrue;

import java.util.Map;

/** GoTrue's answer to {@code GET /user} with a caller's token. */
public sealed interface UserLookup {

    /** The token is good: GoTrue's user object, with a non-blank {@code id}. */
    record Found(String id, Map<String, Object> user) implements UserLookup {
    }

    /** GoTrue refused the token (a 4xx); 404 means that the user no longer exists. */
    record Refused(int status) implements UserLookup {
    }

    /** GoTrue could not be asked, or gave an answer that cannot be read. */
    record Unavailable(String reason, Exception cause) implements UserLookup {
    }
}
