package io.issuegraph.identity.standin;

import io.issuegraph.identity.standin.GoTrueStandIn.Flavour;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An HTTP error of the stand-in, in the body shape of its flavour (docs/identity.md#error-bodies);
 * {@code errorCode} only shows in the supabase body.
 */
final class ApiError extends RuntimeException {

    final int status;
    final String errorCode;

    ApiError(int status, String errorCode, String msg) {
        super(msg, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
    }

    static ApiError byFlavour(Flavour flavour, ApiError netlify, ApiError supabase) {
        return flavour == Flavour.NETLIFY ? netlify : supabase;
    }

    /** docs/identity.md#admin-api: netlify says 401 here, never 403. */
    static ApiError notAdmin(Flavour flavour) {
        return byFlavour(flavour, new ApiError(401, "not_admin", "User not allowed"),
                new ApiError(403, "not_admin", "User not allowed"));
    }

    static ApiError userNotFound() {
        return new ApiError(404, "user_not_found", "User not found");
    }

    static ApiError invalidToken(Flavour flavour, String reason) {
        return byFlavour(flavour, new ApiError(401, "bad_jwt", "Invalid token: " + reason),
                new ApiError(403, "bad_jwt", "invalid JWT: unable to parse or verify signature, " + reason));
    }

    static ApiError internal() {
        return new ApiError(500, "unexpected_failure", "Internal server error");
    }

    Map<String, Object> body(Flavour flavour) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", status);
        if (flavour == Flavour.SUPABASE) {
            body.put("error_code", errorCode);
        }
        body.put("msg", getMessage());
        if (status >= 500) {
            body.put("error_id", UUID.randomUUID().toString());
        }
        return body;
    }
}
