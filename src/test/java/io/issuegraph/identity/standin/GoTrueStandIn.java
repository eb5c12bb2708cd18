package io.issuegraph.identity.standin;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * In-memory test double of GoTrue's HTTP contract, as described in
 * {@code docs/identity.md}, whose sections the comments below cite.
 *
 * <p>Serves {@code /health}, {@code /settings}, {@code /signup}, {@code /token}, {@code /user},
 * {@code /logout}, {@code /admin/users[/{id}]} (GET, and DELETE by id) and, when an asymmetric
 * signing key is configured, {@code /.well-known/jwks.json}. Anything else answers 404.
 *
 * <p>The {@link Flavour#SUPABASE} flavour changes who is admin, the status codes of bearer and
 * admin failures and the error body shape (docs/identity.md#admin-api, #error-bodies), and mints
 * supabase-style claims (docs/identity.md#tokens). Signup, the form-encoded {@code /token} and the user JSON keep the netlify
 * shapes in both flavours.
 */
public final class GoTrueStandIn implements AutoCloseable {

    public enum Flavour { NETLIFY, SUPABASE }

    public enum Behaviour { NORMAL, FAIL_500, SLOW, UNAUTHORIZED_ADMIN }

    /**
     * @param jwtSecret     HS256 secret (raw UTF-8 bytes, at least 32 bytes); null when {@code signingKey} is set
     * @param signingKey    private RSA or EC P-256 key that replaces the secret; null for HS256
     * @param operatorToken netlify operator token (docs/identity.md#admin-api); null disables it
     * @param port          0 for a random free port
     */
    public record Config(Flavour flavour, String jwtSecret, JWK signingKey, String operatorToken, int port) {
        public Config {
            Objects.requireNonNull(flavour, "flavour");
            if ((jwtSecret == null) == (signingKey == null)) {
                throw new IllegalArgumentException("set exactly one of jwtSecret and signingKey");
            }
            // docs/identity.md#what-issuegraph-checks: Nimbus, and so Spring's resource server, refuses HMAC secrets under 256 bits
            if (jwtSecret != null && jwtSecret.getBytes(UTF_8).length < 32) {
                throw new IllegalArgumentException("jwtSecret must be at least 32 bytes");
            }
            if (signingKey != null && !signingKey.isPrivate()) {
                throw new IllegalArgumentException("signingKey must contain the private key");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        public static Config netlify(String jwtSecret) {
            return new Config(Flavour.NETLIFY, jwtSecret, null, randomToken(), 0);
        }

        public static Config supabase(String jwtSecret) {
            return new Config(Flavour.SUPABASE, jwtSecret, null, randomToken(), 0);
        }

        /** Signs and verifies with {@code key} instead of the HS256 secret. */
        public Config withSigningKey(JWK key) {
            return new Config(flavour, null, key, operatorToken, port);
        }

        public Config withOperatorToken(String token) {
            return new Config(flavour, jwtSecret, signingKey, token, port);
        }

        public Config withPort(int fixedPort) {
            return new Config(flavour, jwtSecret, signingKey, operatorToken, fixedPort);
        }
    }

    public record User(String id, String email, String fullName, List<String> roles) {}

    /**
     * A request as received: {@code path} is the request target as sent (raw path and query),
     * header names are lower case, repeated headers are joined with ", ".
     */
    public record RecordedRequest(String method, String path, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private static final Duration DEFAULT_TTL = Duration.ofSeconds(3600);
    private static final Duration DEFAULT_SLOW = Duration.ofSeconds(10);
    private static final String NIL_UUID = "00000000-0000-0000-0000-000000000000";
    private static final Set<String> SUPABASE_ADMIN_ROLES = Set.of("service_role", "supabase_admin");
    private static final Pattern NETLIFY_BEARER = Pattern.compile("^(?:B|b)earer (\\S+)$");
    private static final Pattern SUPABASE_BEARER = Pattern.compile("^(?i:bearer) (\\S+)$");
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");
    // the format check GoTrue's signup uses (badoux/checkmail ValidateFormat)
    private static final Pattern EMAIL = Pattern.compile(
            "^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
                    + "(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final System.Logger LOG = System.getLogger(GoTrueStandIn.class.getName());

    private final Config config;
    private volatile Keys keys;
    /** The key that signs now (null for HS256), and every public key ever published, newest first. */
    private volatile JWK signingKey;
    private final List<JWK> publishedKeys = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Keys by kid: tokens signed before a rotation stay valid, as with Supabase's rotated keys. */
    private final Map<String, Keys> keysByKid = new ConcurrentHashMap<>();
    private final JsonMapper json =
            JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private final ExecutorService executor;
    private final Map<String, Account> users = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>(); // token -> user id
    private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final int port;
    private volatile Behaviour behaviour = Behaviour.NORMAL;
    private volatile Duration slowBy = DEFAULT_SLOW;
    private HttpServer server; // null while down(); guarded by this

    private GoTrueStandIn(Config config) {
        this.config = config;
        this.keys = Keys.of(config);
        this.signingKey = config.signingKey();
        if (signingKey != null) {
            publishedKeys.add(signingKey.toPublicJWK());
            keysByKid.put(String.valueOf(signingKey.getKeyID()), keys);
        }
        AtomicInteger threads = new AtomicInteger();
        // a cached pool, so one SLOW exchange never holds up the others
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "gotrue-stand-in-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.server = bind(config.port());
        this.port = server.getAddress().getPort();
    }

    public static GoTrueStandIn start(Config config) {
        return new GoTrueStandIn(config);
    }

    // ---- test-facing API -------------------------------------------------------------------

    /** The GoTrue base URL, without a trailing slash. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public String operatorToken() {
        return config.operatorToken();
    }

    /** Creates a confirmed user, as signup with autoconfirm would. */
    public User createUser(String email, String password, String fullName, List<String> roles) {
        Map<String, Object> metadata = fullName == null ? null : Map.of("full_name", fullName);
        return insert(email, password, metadata, roles == null ? List.of() : roles)
                .orElseThrow(() -> new IllegalArgumentException("email already registered: " + email))
                .toUser();
    }

    /** Sets the top-level {@code role} column; "admin" makes a netlify user an admin (docs/identity.md#admin-api). */
    public void setRole(String id, String role) {
        update(id, account -> account.with(role, account.roles()));
    }

    /** Replaces {@code app_metadata.roles}; tokens minted earlier keep the old roles (docs/identity.md#the-principal). */
    public void updateRoles(String id, List<String> roles) {
        update(id, account -> account.with(account.role(), List.copyOf(roles)));
    }

    public String accessToken(User user) {
        return accessToken(user, DEFAULT_TTL);
    }

    /** Mints from the stored user, as {@code /token} would; a negative TTL gives an expired token. */
    public String accessToken(User user, Duration ttl) {
        Account account = users.get(user.id());
        if (account == null) {
            throw new IllegalArgumentException("unknown user " + user.id() + " (mint tokens before deleting the user)");
        }
        return sign(claimsFor(account, ttl));
    }

    /** Signs arbitrary claims with the instance key and header, e.g. system-user or service_role tokens. */
    public String mintToken(Map<String, Object> claims) {
        return sign(claims);
    }

    public boolean userExists(String id) {
        return parseUuid(id).map(users::containsKey).orElse(false);
    }

    /** Removes a user as if deleted through another channel; issued tokens stay valid (docs/identity.md#tokens-outlive-deletion). */
    public void deleteUser(String id) {
        if (parseUuid(id).map(users::remove).isEmpty()) {
            throw new IllegalArgumentException("unknown user " + id);
        }
    }

    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public List<RecordedRequest> requests(String method, String pathPrefix) {
        return requests().stream()
                .filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix))
                .toList();
    }

    /**
     * Signs from now on with {@code next} (RSA or EC P-256, with a new kid); the JWK set keeps publishing
     * the previous public keys too, as Supabase does while keys rotate.
     */
    public synchronized void rotateSigningKey(JWK next) {
        Keys nextKeys = Keys.of(new Config(config.flavour(), null, next, config.operatorToken(), 0));
        publishedKeys.add(0, next.toPublicJWK());
        keysByKid.put(String.valueOf(next.getKeyID()), nextKeys);
        keys = nextKeys;
        signingKey = next;
    }

    public void behave(Behaviour b) {
        behaviour = Objects.requireNonNull(b);
    }

    public void slowBy(Duration d) {
        slowBy = Objects.requireNonNull(d);
    }

    /** Stops listening: the port refuses connections until {@link #up()}. */
    public synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Runs {@code action} while the port refuses connections, and brings the stand-in back after. */
    public void whileDown(Runnable action) {
        down();
        try {
            action.run();
        } finally {
            up();
        }
    }

    /** Listens again on the same port, with the same users. */
    public synchronized void up() {
        if (server == null) {
            server = bind(port);
        }
    }

    /** Back to normal behaviour, up, no recorded requests; users are kept. */
    public void reset() {
        behaviour = Behaviour.NORMAL;
        slowBy = DEFAULT_SLOW;
        up();
        requests.clear();
    }

    @Override
    public void close() {
        down();
        executor.shutdownNow();
    }

    // ---- HTTP plumbing ---------------------------------------------------------------------

    private HttpServer bind(int listenPort) {
        try {
            HttpServer created = HttpServer.create(
                    new InetSocketAddress(InetAddress.getByName("127.0.0.1"), listenPort), 0);
            created.createContext("/", this::handle);
            created.setExecutor(executor);
            created.start();
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + listenPort, e);
        }
    }

    private record Response(int status, Object body) {}

    private void handle(HttpExchange exchange) {
        try (exchange) {
            RecordedRequest request = new RecordedRequest(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().toString(),
                    headersOf(exchange),
                    new String(exchange.getRequestBody().readAllBytes(), UTF_8));
            requests.add(request);
            send(exchange, respond(request, exchange.getRequestURI()));
        } catch (IOException e) {
            // the client went away, or down() closed the connection: nobody to answer
        }
    }

    private Response respond(RecordedRequest request, URI uri) {
        // the preflight ignores the fault switches: a browser would report a CORS failure
        // instead of the simulated fault the page is meant to see
        if (request.method().equals("OPTIONS")) {
            return new Response(204, null);
        }
        Behaviour current = behaviour;
        if (current == Behaviour.SLOW) {
            sleep(slowBy);
        }
        try {
            if (current == Behaviour.FAIL_500) {
                throw new ApiError(500, "unexpected_failure", "Internal server error");
            }
            if (current == Behaviour.UNAUTHORIZED_ADMIN && uri.getPath().startsWith("/admin/")) {
                throw notAdmin();
            }
            return route(request, uri.getPath(), uri.getRawQuery());
        } catch (ApiError e) {
            return error(e);
        } catch (RuntimeException e) {
            // GoTrue answers unhandled errors with a generic 500; the log says what went wrong here
            LOG.log(System.Logger.Level.ERROR, "GoTrue stand-in failed on " + request.method() + " " + uri, e);
            return error(new ApiError(500, "unexpected_failure", "Internal server error"));
        }
    }

    private Response route(RecordedRequest r, String path, String rawQuery) {
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
                return logout(r);
            case "GET /.well-known/jwks.json":
                if (signingKey != null) {
                    return ok(new JWKSet(publishedKeys).toJSONObject());
                }
                break;
            case "GET /admin/users":
                String aud = requireAdmin(r);
                return ok(Map.of("users", listUsers(aud), "aud", aud));
            default:
                if (path.startsWith("/admin/users/") && (method.equals("GET") || method.equals("DELETE"))) {
                    return adminUser(r, path.substring("/admin/users/".length()));
                }
        }
        throw new ApiError(404, "not_found", "Not Found");
    }

    private void send(HttpExchange exchange, Response response) throws IOException {
        var headers = exchange.getResponseHeaders();
        // a browser page on another port calls the stand-in during local development
        headers.set("Access-Control-Allow-Origin", "*");
        headers.set("Access-Control-Allow-Headers", "Authorization, Content-Type, X-JWT-AUD, X-Use-Cookie");
        headers.set("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
        if (response.body() == null) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        byte[] bytes = json.writeValueAsBytes(response.body());
        headers.set("Content-Type", "application/json");
        exchange.sendResponseHeaders(response.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> headersOf(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
        return Collections.unmodifiableMap(headers);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Response ok(Object body) {
        return new Response(200, body);
    }

    // ---- errors (docs/identity.md#error-bodies) ----------------------------------------------------------------

    /** An HTTP error; {@code errorCode} only shows in the supabase body. */
    private static final class ApiError extends RuntimeException {
        final int status;
        final String errorCode;

        ApiError(int status, String errorCode, String msg) {
            super(msg, null, false, false);
            this.status = status;
            this.errorCode = errorCode;
        }
    }

    private Response error(ApiError e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", e.status);
        if (config.flavour() == Flavour.SUPABASE) {
            body.put("error_code", e.errorCode);
        }
        body.put("msg", e.getMessage());
        if (e.status >= 500) {
            body.put("error_id", UUID.randomUUID().toString());
        }
        return new Response(e.status, body);
    }

    private ApiError byFlavour(ApiError netlify, ApiError supabase) {
        return config.flavour() == Flavour.NETLIFY ? netlify : supabase;
    }

    private ApiError notAdmin() {
        // docs/identity.md#admin-api: netlify says 401 here, never 403
        return byFlavour(new ApiError(401, "not_admin", "User not allowed"),
                new ApiError(403, "not_admin", "User not allowed"));
    }

    private static ApiError userNotFound() {
        return new ApiError(404, "user_not_found", "User not found");
    }

    private ApiError invalidToken(String reason) {
        return byFlavour(new ApiError(401, "bad_jwt", "Invalid token: " + reason),
                new ApiError(403, "bad_jwt", "invalid JWT: unable to parse or verify signature, " + reason));
    }

    /** OAuth-style errors of {@code /token}: always 400 (docs/identity.md#sign-up-and-log-in). */
    private static Response oauthError(String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        if (description != null) {
            body.put("error_description", description);
        }
        return new Response(400, body);
    }

    // ---- public endpoints (docs/identity.md#sign-up-and-log-in) ------------------------------------------------------

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

    record SignupParams(String email, String password, Map<String, Object> data) {}

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
        Account account = insert(params.email(), params.password(), params.data(), List.of())
                .orElseThrow(() -> new ApiError(400, "user_already_exists",
                        "A user with this email address has already been registered"));
        return ok(userJson(account));
    }

    private Response token(RecordedRequest r, String rawQuery) {
        Map<String, String> form = new LinkedHashMap<>();
        // Go's FormValue prefers body values over query values, and only reads form-encoded bodies,
        // so a JSON body ends as unsupported_grant_type (docs/identity.md#sign-up-and-log-in)
        String contentType = Objects.requireNonNullElse(r.header("content-type"), "");
        if (contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            parseForm(r.body(), form);
        }
        parseForm(rawQuery, form);
        switch (form.getOrDefault("grant_type", "")) {
            case "password":
                return users.values().stream()
                        .filter(a -> a.email().equalsIgnoreCase(form.getOrDefault("username", ""))
                                && a.password().equals(form.get("password")))
                        .findFirst()
                        .map(this::issueTokens)
                        .orElseGet(() -> oauthError("invalid_grant",
                                "No user found with that email, or password invalid."));
            case "refresh_token":
                String refreshToken = form.getOrDefault("refresh_token", "");
                if (refreshToken.isEmpty()) {
                    return oauthError("invalid_request", "refresh_token required");
                }
                // refresh tokens rotate; one of a deleted user no longer works (docs/identity.md#sign-up-and-log-in)
                return Optional.ofNullable(refreshTokens.remove(refreshToken))
                        .map(users::get)
                        .map(this::issueTokens)
                        .orElseGet(() -> oauthError("invalid_grant", "Invalid Refresh Token"));
            default:
                return oauthError("unsupported_grant_type", null);
        }
    }

    private Response issueTokens(Account account) {
        String refreshToken = randomToken();
        refreshTokens.put(refreshToken, account.id());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", sign(claimsFor(account, DEFAULT_TTL)));
        body.put("token_type", "bearer");
        body.put("expires_in", DEFAULT_TTL.getSeconds());
        body.put("refresh_token", refreshToken);
        return ok(body);
    }

    private Response currentUser(RecordedRequest r) {
        JWTClaimsSet claims = verify(bearer(r));
        String id = parseUuid(claims.getSubject()).orElseThrow(() -> byFlavour(
                new ApiError(400, "bad_jwt", "Could not read User ID claim"),
                new ApiError(400, "bad_jwt", "invalid claim: sub claim must be a UUID")));
        String requestAud = r.header("x-jwt-aud");
        if (!isEmpty(requestAud) && !requestAud.equals(tokenAud(claims))) {
            throw new ApiError(400, "validation_failed", "Token audience doesn't match request audience");
        }
        // docs/identity.md#introspection: the body is the current stored state, not the token's claims
        Account account = users.get(id);
        if (account == null) {
            throw byFlavour(userNotFound(),
                    new ApiError(403, "user_not_found", "User from sub claim in JWT does not exist"));
        }
        return ok(userJson(account));
    }

    private Response logout(RecordedRequest r) {
        String sub = verify(bearer(r)).getSubject();
        // only refresh tokens die: access tokens stay valid until exp (docs/identity.md#tokens-outlive-deletion)
        refreshTokens.values().removeIf(userId -> userId.equals(sub));
        return new Response(204, null);
    }

    // ---- admin (docs/identity.md#admin-api) -----------------------------------------------------------------

    record AdminParams(String aud) {}

    private Response adminUser(RecordedRequest r, String rawId) {
        // docs/identity.md#admin-api: admin check before id parsing
        requireAdmin(r);
        String id = parseUuid(rawId).orElseThrow(() -> byFlavour(
                new ApiError(400, "validation_failed", "user_id must be an UUID"),
                new ApiError(404, "validation_failed", "user_id must be an UUID")));
        Account account = users.get(id);
        if (account == null) {
            throw userNotFound();
        }
        if (r.method().equals("GET")) {
            return ok(userJson(account));
        }
        if (config.flavour() == Flavour.SUPABASE) {
            bodyAud(r); // supabase decodes the delete params in the handler, after loading the user
        }
        // not idempotent: a second delete finds no user and answers 404 (docs/identity.md#deleting-is-not-idempotent)
        if (users.remove(id) == null) {
            throw userNotFound();
        }
        return ok(Map.of());
    }

    /** Checks admin credentials and returns the request audience (docs/identity.md#admin-api, #audience). */
    private String requireAdmin(RecordedRequest r) {
        String bearer = bearer(r);
        boolean netlify = config.flavour() == Flavour.NETLIFY;
        if (netlify && isOperatorToken(bearer)) {
            // the operator path skips requireAdmin, so its body is never decoded (middleware.go)
            return requestAud(r, null);
        }
        JWTClaimsSet claims = verify(bearer);
        if (!netlify) {
            if (!SUPABASE_ADMIN_ROLES.contains(stringClaim(claims, "role"))) {
                throw notAdmin();
            }
            return requestAud(r, null); // supabase ignores the token aud of admin roles
        }
        String sub = claims.getSubject();
        boolean systemUser = "0".equals(sub) || NIL_UUID.equals(sub);
        Account admin = systemUser ? null : parseUuid(sub).map(users::get)
                .orElseThrow(() -> new ApiError(401, "bad_jwt", "Invalid admin user"));
        String aud = bodyAud(r).orElse(requestAud(r, claims));
        if (!systemUser && !(admin.role().equals("admin") && admin.aud().equals(aud))) {
            throw notAdmin();
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
        if (!isEmpty(header)) {
            return header;
        }
        String tokenAud = claims == null ? "" : tokenAud(claims);
        return tokenAud.isEmpty() ? defaultAud() : tokenAud;
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
            throw byFlavour(
                    new ApiError(400, "bad_json", "Could not decode admin user params: " + e.getOriginalMessage()),
                    new ApiError(400, "bad_json", "Could not parse request body as JSON: " + e.getOriginalMessage()));
        }
    }

    private List<Map<String, Object>> listUsers(String aud) {
        return users.values().stream()
                .filter(a -> a.aud().equals(aud))
                .sorted(Comparator.comparing(Account::createdAt).reversed().thenComparing(Account::email))
                .map(this::userJson)
                .toList();
    }

    // ---- tokens (docs/identity.md#tokens) ------------------------------------------------------------

    private record Keys(JWSAlgorithm algorithm, JWSSigner signer, JWSVerifier verifier) {
        static Keys of(Config config) {
            JWK key = config.signingKey();
            try {
                if (key == null) {
                    byte[] secret = config.jwtSecret().getBytes(UTF_8); // raw bytes, no base64 (docs/identity.md#tokens)
                    return new Keys(JWSAlgorithm.HS256, new MACSigner(secret), new MACVerifier(secret));
                }
                if (key instanceof RSAKey rsa) {
                    return new Keys(JWSAlgorithm.RS256, new RSASSASigner(rsa), new RSASSAVerifier(rsa.toPublicJWK()));
                }
                if (key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
                    return new Keys(JWSAlgorithm.ES256, new ECDSASigner(ec), new ECDSAVerifier(ec.toPublicJWK()));
                }
                if (key instanceof com.nimbusds.jose.jwk.OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
                    var signer = new JdkEd25519Signer(okp);
                    return new Keys(JWSAlgorithm.EdDSA, signer, signer.verifier());
                }
            } catch (JOSEException | java.security.GeneralSecurityException e) {
                throw new IllegalArgumentException("unusable signing key: " + e.getMessage(), e);
            }
            throw new IllegalArgumentException("signingKey must be RSA, EC P-256 or Ed25519, got " + key.getKeyType());
        }
    }

    private String sign(Map<String, Object> claims) {
        // netlify HS256 tokens carry kid "nf-ident" (docs/identity.md#tokens); a JWK signs with its own kid
        JWK key = signingKey;
        String kid = key != null ? key.getKeyID()
                : config.flavour() == Flavour.NETLIFY ? "nf-ident" : null;
        JWSHeader header = new JWSHeader.Builder(keys.algorithm()).keyID(kid).type(JOSEObjectType.JWT).build();
        // the payload is written by hand so that null claims (user_metadata) survive, as in GoTrue
        JWSObject jws = new JWSObject(header, new Payload(json.writeValueAsString(claims)));
        try {
            jws.sign(keys.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jws.serialize();
    }

    private Map<String, Object> claimsFor(Account account, Duration ttl) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        if (config.flavour() == Flavour.NETLIFY) {
            // docs/identity.md#tokens: exactly these claims, aud only when non-empty
            if (!account.aud().isEmpty()) {
                claims.put("aud", account.aud());
            }
            claims.put("exp", now + ttl.getSeconds());
            claims.put("sub", account.id());
            claims.put("email", account.email());
            claims.put("app_metadata", appMetadata(account));
            claims.put("user_metadata", account.userMetadata());
            return claims;
        }
        // docs/identity.md#tokens (supabase)
        claims.put("iss", url().toString());
        claims.put("aud", account.aud());
        claims.put("exp", now + ttl.getSeconds());
        claims.put("iat", now);
        claims.put("sub", account.id());
        claims.put("email", account.email());
        claims.put("phone", "");
        claims.put("app_metadata", appMetadata(account));
        claims.put("user_metadata", account.userMetadata());
        claims.put("role", account.role());
        claims.put("aal", "aal1");
        claims.put("amr", List.of(Map.of("method", "password", "timestamp", now)));
        claims.put("session_id", UUID.randomUUID().toString());
        claims.put("is_anonymous", false);
        return claims;
    }

    private String bearer(RecordedRequest r) {
        Pattern pattern = config.flavour() == Flavour.NETLIFY ? NETLIFY_BEARER : SUPABASE_BEARER;
        Matcher matcher = pattern.matcher(Objects.requireNonNullElse(r.header("authorization"), ""));
        if (!matcher.matches()) {
            throw byFlavour(new ApiError(401, "no_authorization", "This endpoint requires a Bearer token"),
                    new ApiError(401, "no_authorization", "This endpoint requires a valid Bearer token"));
        }
        return matcher.group(1);
    }

    /** Verifies like GoTrue: only the instance key's algorithm; exp/iat/nbf when present, no leeway (docs/identity.md#the-user-object-and-get-user). */
    private JWTClaimsSet verify(String token) {
        JWTClaimsSet claims;
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
            Keys keys = keysByKid.getOrDefault(String.valueOf(jwt.getHeader().getKeyID()), this.keys);
            if (!alg.equals(keys.algorithm())) {
                throw invalidToken("signing method " + alg + " is invalid");
            }
            if (!jwt.verify(keys.verifier())) {
                throw invalidToken("signature is invalid");
            }
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException e) {
            throw invalidToken(e.getMessage());
        }
        long now = Instant.now().getEpochSecond();
        Date exp = claims.getExpirationTime();
        if (exp != null && now > exp.toInstant().getEpochSecond()) {
            throw invalidToken("token is expired by " + goDuration(now - exp.toInstant().getEpochSecond()));
        }
        Date iat = claims.getIssueTime();
        // golang-jwt v4 (netlify) checks iat; v5 (supabase) does not by default
        if (config.flavour() == Flavour.NETLIFY && iat != null && now < iat.toInstant().getEpochSecond()) {
            throw invalidToken("Token used before issued");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now < nbf.toInstant().getEpochSecond()) {
            throw invalidToken("token is not valid yet");
        }
        return claims;
    }

    /** Go's time.Duration formatting for whole seconds, e.g. "5m3s", as in GoTrue's expiry message. */
    private static String goDuration(long seconds) {
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        return h > 0 ? h + "h" + m + "m" + s + "s" : m > 0 ? m + "m" + s + "s" : s + "s";
    }

    private static String tokenAud(JWTClaimsSet claims) {
        // aud may be a string or an array (docs/identity.md#tokens); GoTrue compares the first
        List<String> aud = claims.getAudience();
        return aud.isEmpty() ? "" : aud.get(0);
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String value ? value : null;
    }

    // ---- users ---------------------------------------------------------------------------------

    /** GoTrue's users row, as far as the stand-in needs it. */
    private record Account(String id, String aud, String role, String email, String password,
                           List<String> roles, Map<String, Object> userMetadata,
                           Instant createdAt, Instant updatedAt) {
        User toUser() {
            Object name = userMetadata == null ? null : userMetadata.get("full_name");
            return new User(id, email, name instanceof String s ? s : null, roles);
        }

        Account with(String newRole, List<String> newRoles) {
            return new Account(id, aud, newRole, email, password, newRoles, userMetadata, createdAt, now());
        }
    }

    /** Adds a confirmed user, or returns empty when the email is taken (compared case-insensitively, as MySQL does). */
    private synchronized Optional<Account> insert(String email, String password, Map<String, Object> metadata,
                                                  List<String> roles) {
        if (users.values().stream().anyMatch(a -> a.email().equalsIgnoreCase(email))) {
            return Optional.empty();
        }
        // new users get role "" on netlify (JWT_DEFAULT_GROUP_NAME) and "authenticated" on supabase
        String role = config.flavour() == Flavour.NETLIFY ? "" : "authenticated";
        Instant now = now();
        Account account = new Account(UUID.randomUUID().toString(), defaultAud(), role, email, password,
                List.copyOf(roles), metadata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(metadata)),
                now, now);
        users.put(account.id(), account);
        return Optional.of(account);
    }

    private void update(String id, UnaryOperator<Account> change) {
        String key = parseUuid(id).orElseThrow(() -> new IllegalArgumentException("not a UUID: " + id));
        if (users.computeIfPresent(key, (k, account) -> change.apply(account)) == null) {
            throw new IllegalArgumentException("unknown user " + id);
        }
    }

    private String defaultAud() {
        // docs/identity.md#tokens: netlify's JWT_AUD is empty; hosted supabase uses "authenticated"
        return config.flavour() == Flavour.NETLIFY ? "" : "authenticated";
    }

    private Map<String, Object> appMetadata(Account account) {
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("provider", "email");
        if (config.flavour() == Flavour.SUPABASE) {
            app.put("providers", List.of("email"));
        }
        if (!account.roles().isEmpty()) {
            app.put("roles", account.roles());
        }
        return app;
    }

    /** The netlify user object (docs/identity.md#the-user-object-and-get-user). */
    private Map<String, Object> userJson(Account account) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", account.id());
        user.put("aud", account.aud());
        user.put("role", account.role());
        user.put("email", account.email());
        user.put("confirmed_at", account.createdAt().toString());
        user.put("app_metadata", appMetadata(account));
        user.put("user_metadata", account.userMetadata());
        user.put("created_at", account.createdAt().toString());
        user.put("updated_at", account.updatedAt().toString());
        return user;
    }

    // ---- small helpers -----------------------------------------------------------------------

    /**
     * Parses a UUID as gofrs/uuid does (docs/identity.md#sending-the-id-and-the-body): canonical, braced, 32 hex digits, or with
     * a {@code urn:uuid:} prefix, any case. Returns the canonical lower-case form.
     */
    private static Optional<String> parseUuid(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text;
        if ((s.length() == 41 || s.length() == 45) && s.startsWith("urn:uuid:")) {
            s = s.substring(9);
        } else if (s.length() == 38 && s.startsWith("{") && s.endsWith("}")) {
            s = s.substring(1, 37);
        }
        if (s.length() == 32) {
            s = s.substring(0, 8) + "-" + s.substring(8, 12) + "-" + s.substring(12, 16) + "-"
                    + s.substring(16, 20) + "-" + s.substring(20);
        }
        return CANONICAL_UUID.matcher(s).matches() ? Optional.of(s.toLowerCase(Locale.ROOT)) : Optional.empty();
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

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static Instant now() {
        // whole seconds, like the timestamps netlify/gotrue stores in MySQL
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
