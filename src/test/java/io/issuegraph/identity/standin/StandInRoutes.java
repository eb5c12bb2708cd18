package io.issuegraph.identity.standin;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.nimbusds.jwt.JWTClaimsSet;
import io.issuegraph.identity.standin.GoTrueStandIn.Flavour;
import io.issuegraph.identity.standin.GoTrueStandIn.RecordedRequest;
import io.issuegraph.identity.standin.StandInAccounts.Account;
import java.net.URLDecoder;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which request goes where, and the public endpoints (docs/identity.md#sign-up-and-log-in,
 * #the-user-object-and-get-user); the admin endpoints are in {@link StandInAdmin}.
 */
final class StandInRoutes {

    record Response(int status, Object body) {
    }

    record SignupParams(String email, String password, Map<String, Object> data) {
    }

    static final Duration TOKEN_LIFETIME = Duration.ofSeconds(3600);
    private static final Pattern NETLIFY_BEARER = Pattern.compile("^(?:B|b)earer (\\S+)$");
    private static final Pattern SUPABASE_BEARER = Pattern.compile("^(?i:bearer) (\\S+)$");
    // the format check GoTrue's signup uses (badoux/checkmail ValidateFormat)
    private static final Pattern EMAIL = Pattern.compile(
            "^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
                    + "(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$");

    private final Flavour flavour;
    private final StandInAccounts accounts;
    private final StandInKeys keys;
    private final StandInAdmin admin;
    private final JsonMapper json;
    private final Supplier<String> issuer;

    StandInRoutes(Flavour flavour, StandInAccounts accounts, StandInKeys keys, StandInAdmin admin, JsonMapper json,
            Supplier<String> issuer) {
        this.flavour = flavour;
        this.accounts = accounts;
        this.keys = keys;
        this.admin = admin;
        this.json = json;
        this.issuer = issuer;
    }

    Response route(RecordedRequest r, String path, String rawQuery) {
        String method = r.method();
        switch (method + " " + path) {
            case "GET /health":
                return ok(Map.of("version", "stand-in", "name", "GoTrue",
                        "description", "GoTrue is a user registration and authentication API"));
            case "GET /settings":
                return ok(settings());
            case "POST /signup":
                return signup(r);
            case "POST /token":
                return token(r, rawQuery);
            case "GET /user":
                return currentUser(r);
            case "POST /logout":
                accounts.logout(keys.verify(bearer(r, flavour)).getSubject());
                return new Response(204, null);
            case "GET /.well-known/jwks.json":
                return keys.jwkSet().map(StandInRoutes::ok).orElseThrow(StandInRoutes::notFound);
            case "GET /admin/users":
                return ok(admin.list(r));
            default:
                if (path.startsWith("/admin/users/") && (method.equals("GET") || method.equals("DELETE"))) {
                    return ok(admin.user(r, path.substring("/admin/users/".length())));
                }
        }
        throw notFound();
    }

    /** An access token of the account, as {@code /token} mints it. */
    String accessToken(Account account, Duration ttl) {
        return keys.sign(keys.claimsFor(account, accounts.appMetadata(account), accounts.userMetadata(account), issuer.get(), ttl));
    }

    /** The bearer token of the request, parsed as strictly as the flavour does. */
    static String bearer(RecordedRequest r, Flavour flavour) {
        Pattern pattern = flavour == Flavour.NETLIFY ? NETLIFY_BEARER : SUPABASE_BEARER;
        Matcher matcher = pattern.matcher(Objects.requireNonNullElse(r.header("authorization"), ""));
        if (!matcher.matches()) {
            throw ApiError.byFlavour(flavour, new ApiError(401, "no_authorization", "This endpoint requires a Bearer token"),
                    new ApiError(401, "no_authorization", "This endpoint requires a valid Bearer token"));
        }
        return matcher.group(1);
    }

    static Response ok(Object body) {
        return new Response(200, body);
    }

    private static ApiError notFound() {
        return new ApiError(404, "not_found", "Not Found");
    }

    private static Map<String, Object> settings() {
        Map<String, Object> external = new LinkedHashMap<>();
        for (String provider : List.of("bitbucket", "github", "gitlab", "google", "facebook")) {
            external.put(provider, false);
        }
        external.put("email", true);
        external.put("saml", false);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("external", external);
        settings.put("external_labels", Map.of());
        settings.put("disable_signup", false);
        settings.put("autoconfirm", true);
        return settings;
    }

    private Response signup(RecordedRequest r) {
        SignupParams params;
        try {
            params = Objects.requireNonNullElse(json.readValue(r.body(), SignupParams.class),
                    new SignupParams(null, null, null));
        } catch (JacksonException e) {
            throw new ApiError(400, "bad_json", "Could not read Signup params: " + e.getOriginalMessage());
        }
        if (isEmpty(params.password())) {
            throw new ApiError(422, "validation_failed", "Signup requires a valid password");
        }
        if (isEmpty(params.email())) {
            throw new ApiError(422, "validation_failed", "An email address is required");
        }
        if (!EMAIL.matcher(params.email()).matches()) {
            throw new ApiError(422, "validation_failed", "Unable to validate email address: invalid format");
        }
        Account account = accounts.insert(params.email(), params.password(), params.data(), List.of())
                .orElseThrow(() -> ApiError.byFlavour(flavour,
                        new ApiError(400, "user_already_exists", "A user with this email address has already been registered"),
                        new ApiError(422, "user_already_exists", "User already registered")));
        if (flavour == Flavour.SUPABASE) {
            return issueTokens(account); // autoconfirmed: a whole session at once
        }
        Map<String, Object> user = accounts.userJson(account);
        if (params.data() == null) {
            user.put("user_metadata", null); // the answer shows the request's missing data; the stored user has {}
        }
        return ok(user);
    }

    private Response token(RecordedRequest r, String rawQuery) {
        return flavour == Flavour.NETLIFY ? netlifyToken(r, rawQuery) : supabaseToken(r, rawQuery);
    }

    /** supabase/auth's /token (bc32168): grant_type in the query, a JSON body, its own error bodies. */
    private Response supabaseToken(RecordedRequest r, String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        parseForm(rawQuery, query);
        Map<String, Object> body;
        try {
            body = json.readValue(r.body(), new TypeReference<Map<String, Object>>() { });
        } catch (JacksonException e) {
            throw new ApiError(400, "bad_json", "Could not parse request body as JSON: " + e.getOriginalMessage());
        }
        Map<String, Object> params = Objects.requireNonNullElse(body, Map.of());
        switch (query.getOrDefault("grant_type", "")) {
            case "password":
                return accounts.withPassword(String.valueOf(params.get("email")), String.valueOf(params.get("password")))
                        .map(this::issueTokens)
                        .orElseThrow(() -> new ApiError(400, "invalid_credentials", "Invalid login credentials"));
            case "refresh_token":
                return accounts.redeem(String.valueOf(params.get("refresh_token"))).map(this::issueTokens)
                        .orElseThrow(() -> new ApiError(400, "validation_failed", "Refresh token is not valid"));
            default:
                throw new ApiError(400, "invalid_credentials", "unsupported_grant_type");
        }
    }

    private Response netlifyToken(RecordedRequest r, String rawQuery) {
        Map<String, String> form = new LinkedHashMap<>();
        // Go's FormValue prefers body values over query values, and only reads form-encoded bodies,
        // so a JSON body ends as unsupported_grant_type
        String contentType = Objects.requireNonNullElse(r.header("content-type"), "");
        if (contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            parseForm(r.body(), form);
        }
        parseForm(rawQuery, form);
        switch (form.getOrDefault("grant_type", "")) {
            case "password":
                return accounts.withPassword(form.getOrDefault("username", ""), form.get("password"))
                        .map(this::issueTokens)
                        .orElseGet(() -> oauthError("invalid_grant", "No user found with that email, or password invalid."));
            case "refresh_token":
                String refreshToken = form.getOrDefault("refresh_token", "");
                if (refreshToken.isEmpty()) {
                    return oauthError("invalid_request", "refresh_token required");
                }
                return accounts.redeem(refreshToken).map(this::issueTokens)
                        .orElseGet(() -> oauthError("invalid_grant", "Invalid Refresh Token"));
            default:
                return oauthError("unsupported_grant_type", null);
        }
    }

    private Response issueTokens(Account account) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", accessToken(account, TOKEN_LIFETIME));
        body.put("token_type", "bearer");
        body.put("expires_in", TOKEN_LIFETIME.getSeconds());
        body.put("refresh_token", accounts.newRefreshToken(account));
        if (flavour == Flavour.SUPABASE) {
            body.put("expires_at", Instant.now().getEpochSecond() + TOKEN_LIFETIME.getSeconds());
            body.put("user", accounts.userJson(account));
        }
        return ok(body);
    }

    /** OAuth-style errors of {@code /token}: always 400. */
    private static Response oauthError(String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        if (description != null) {
            body.put("error_description", description);
        }
        return new Response(400, body);
    }

    private Response currentUser(RecordedRequest r) {
        JWTClaimsSet claims = keys.verify(bearer(r, flavour));
        String id = StandInAccounts.parseUuid(claims.getSubject()).orElseThrow(() -> ApiError.byFlavour(flavour,
                new ApiError(400, "bad_jwt", "Could not read User ID claim"),
                new ApiError(400, "bad_jwt", "invalid claim: sub claim must be a UUID")));
        String requestAud = r.header("x-jwt-aud");
        if (!isEmpty(requestAud) && !requestAud.equals(StandInKeys.audience(claims))) {
            throw new ApiError(400, "validation_failed", "Token audience doesn't match request audience");
        }
        // the body is the current stored state, not the token's claims (docs/identity.md#introspection)
        Account account = accounts.get(id);
        if (account == null) {
            throw ApiError.byFlavour(flavour, ApiError.userNotFound(),
                    new ApiError(403, "user_not_found", "User from sub claim in JWT does not exist"));
        }
        return ok(accounts.userJson(account));
    }

    private static void parseForm(String encoded, Map<String, String> into) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), UTF_8);
            into.putIfAbsent(name, value); // the first value wins, as with Go's FormValue
        }
    }

    static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
