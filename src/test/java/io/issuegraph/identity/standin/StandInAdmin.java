package io.issuegraph.identity.standin;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.nimbusds.jwt.JWTClaimsSet;
import io.issuegraph.identity.standin.GoTrueStandIn.Config;
import io.issuegraph.identity.standin.GoTrueStandIn.Flavour;
import io.issuegraph.identity.standin.GoTrueStandIn.RecordedRequest;
import io.issuegraph.identity.standin.StandInAccounts.Account;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** GoTrue's admin API: who is admin, and get, list and delete users (docs/identity.md#admin-api). */
final class StandInAdmin {

    record AdminParams(String aud) {
    }

    private static final String NIL_UUID = "00000000-0000-0000-0000-000000000000";
    private static final Set<String> SUPABASE_ADMIN_ROLES = Set.of("service_role", "supabase_admin");

    private final Config config;
    private final Flavour flavour;
    private final StandInAccounts accounts;
    private final StandInKeys keys;
    private final JsonMapper json;

    StandInAdmin(Config config, StandInAccounts accounts, StandInKeys keys, JsonMapper json) {
        this.config = config;
        this.flavour = config.flavour();
        this.accounts = accounts;
        this.keys = keys;
        this.json = json;
    }

    /** {@code GET /admin/users}: the users of the request's audience. */
    Map<String, Object> list(RecordedRequest r) {
        String aud = requireAdmin(r);
        return Map.of("users", accounts.list(aud), "aud", aud);
    }

    /** {@code GET} or {@code DELETE /admin/users/{id}}. */
    Object user(RecordedRequest r, String rawId) {
        requireAdmin(r); // before the id is parsed, as in GoTrue
        String id = StandInAccounts.parseUuid(rawId).orElseThrow(() -> ApiError.byFlavour(flavour,
                new ApiError(400, "validation_failed", "user_id must be an UUID"),
                new ApiError(404, "validation_failed", "user_id must be an UUID")));
        Account account = accounts.get(id);
        if (account == null) {
            throw ApiError.userNotFound();
        }
        if (r.method().equals("GET")) {
            return accounts.userJson(account);
        }
        if (flavour == Flavour.SUPABASE) {
            bodyAud(r); // supabase decodes the delete params in the handler, after loading the user
        }
        // not idempotent: a second delete finds no user and answers 404 (docs/identity.md#deleting-is-not-idempotent)
        if (accounts.remove(id) == null) {
            throw ApiError.userNotFound();
        }
        return Map.of();
    }

    /** Checks admin credentials and returns the request audience (docs/identity.md#audience). */
    private String requireAdmin(RecordedRequest r) {
        String bearer = StandInRoutes.bearer(r, flavour);
        boolean netlify = flavour == Flavour.NETLIFY;
        if (netlify && isOperatorToken(bearer)) {
            // the operator path skips requireAdmin, so its body is never decoded (middleware.go)
            return requestAud(r, null);
        }
        JWTClaimsSet claims = keys.verify(bearer);
        if (!netlify) {
            if (!SUPABASE_ADMIN_ROLES.contains(StandInKeys.stringClaim(claims, "role"))) {
                throw ApiError.notAdmin(flavour);
            }
            return requestAud(r, null); // supabase ignores the token aud of admin roles
        }
        String sub = claims.getSubject();
        boolean systemUser = "0".equals(sub) || NIL_UUID.equals(sub);
        Account admin = systemUser ? null : StandInAccounts.parseUuid(sub).map(accounts::get)
                .orElseThrow(() -> new ApiError(401, "bad_jwt", "Invalid admin user"));
        String aud = bodyAud(r).orElse(requestAud(r, claims));
        if (!systemUser && !(admin.role().equals("admin") && admin.aud().equals(aud))) {
            throw ApiError.notAdmin(flavour);
        }
        return aud;
    }

    private boolean isOperatorToken(String bearer) {
        return config.operatorToken() != null
                && MessageDigest.isEqual(bearer.getBytes(UTF_8), config.operatorToken().getBytes(UTF_8));
    }

    /** Header X-JWT-AUD, else the token's aud (netlify), else the instance default. */
    private String requestAud(RecordedRequest r, JWTClaimsSet claims) {
        String header = r.header("x-jwt-aud");
        if (!StandInRoutes.isEmpty(header)) {
            return header;
        }
        String tokenAud = claims == null ? "" : StandInKeys.audience(claims);
        return tokenAud.isEmpty() ? accounts.defaultAud() : tokenAud;
    }

    /** GoTrue JSON-decodes any non-empty admin body, even an empty chunked one (docs/identity.md#sending-the-id-and-the-body). */
    private Optional<String> bodyAud(RecordedRequest r) {
        boolean chunked = "chunked".equalsIgnoreCase(r.header("transfer-encoding"));
        if (r.method().equals("GET") || (r.body().isEmpty() && !chunked)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(json.readValue(r.body(), AdminParams.class))
                    .map(AdminParams::aud)
                    .filter(aud -> !aud.isEmpty());
        } catch (JacksonException e) {
            throw ApiError.byFlavour(flavour,
                    new ApiError(400, "bad_json", "Could not decode admin user params: " + e.getOriginalMessage()),
                    new ApiError(400, "bad_json", "Could not parse request body as JSON: " + e.getOriginalMessage()));
        }
    }
}
