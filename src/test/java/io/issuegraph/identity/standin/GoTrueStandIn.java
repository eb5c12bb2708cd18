package io.issuegraph.identity.standin;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.nimbusds.jose.jwk.JWK;
import io.issuegraph.identity.standin.StandInRoutes.Response;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * In-memory test double of GoTrue's HTTP API, as {@code docs/identity.md} describes it. This class
 * is its face for tests and its HTTP plumbing; {@link StandInRoutes} and {@link StandInAdmin} answer
 * requests, {@link StandInKeys} signs and verifies tokens, {@link StandInAccounts} keeps the users.
 *
 * <p>Serves {@code /health}, {@code /settings}, {@code /signup}, {@code /token}, {@code /user},
 * {@code /logout}, {@code /admin/users[/{id}]} (GET, and DELETE by id) and, when an asymmetric
 * signing key is configured, {@code /.well-known/jwks.json}. Anything else answers 404.
 *
 * <p>The {@link Flavour#SUPABASE} flavour changes who is admin, the status codes of bearer and
 * admin failures and the error body shape (docs/identity.md#admin-api, #error-bodies), and mints
 * supabase-style claims (docs/identity.md#tokens); its sign-up answers with a session and its {@code /token}
 * takes JSON with {@code grant_type} in the query (docs/identity.md#sign-up-and-log-in). The user JSON keeps
 * the netlify shape in both flavours, and neither flavour keeps sessions.
 */
public final class GoTrueStandIn implements AutoCloseable {

    public enum Flavour { NETLIFY, SUPABASE }

    public enum Behaviour { NORMAL, FAIL_500, RATE_LIMITED, SLOW, UNAUTHORIZED_ADMIN }

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
            return new Config(Flavour.NETLIFY, jwtSecret, null, StandInAccounts.randomToken(), 0);
        }

        public static Config supabase(String jwtSecret) {
            return new Config(Flavour.SUPABASE, jwtSecret, null, StandInAccounts.randomToken(), 0);
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

    private static final Duration DEFAULT_SLOW = Duration.ofSeconds(10);
    private static final System.Logger LOG = System.getLogger(GoTrueStandIn.class.getName());

    private final Config config;
    private final StandInAccounts accounts;
    private final StandInKeys keys;
    private final StandInRoutes routes;
    private final StandInServer server;
    private volatile Behaviour behaviour = Behaviour.NORMAL;
    private volatile Duration slowBy = DEFAULT_SLOW;

    private GoTrueStandIn(Config config, Path usersFile) {
        JsonMapper json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        this.config = config;
        this.accounts = new StandInAccounts(config.flavour(), usersFile, json);
        this.keys = new StandInKeys(config, json);
        this.routes = new StandInRoutes(config.flavour(), accounts, keys, new StandInAdmin(config, accounts, keys, json),
                json, () -> url().toString());
        this.server = new StandInServer(config.port(), this::respond, json);
    }

    public static GoTrueStandIn start(Config config) {
        return new GoTrueStandIn(config, null);
    }

    /** The local server's identity: its users are kept in {@code usersFile} and outlive a restart. */
    public static GoTrueStandIn start(Config config, Path usersFile) {
        return new GoTrueStandIn(config, usersFile);
    }

    // ---- test-facing API -------------------------------------------------------------------

    /** The GoTrue base URL, without a trailing slash. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public String operatorToken() {
        return config.operatorToken();
    }

    /** Creates a confirmed user, as signup with autoconfirm would. */
    public User createUser(String email, String password, String fullName, List<String> roles) {
        Map<String, Object> metadata = fullName == null ? null : Map.of("full_name", fullName);
        return accounts.insert(email, password, metadata, roles == null ? List.of() : roles)
                .orElseThrow(() -> new IllegalArgumentException("email already registered: " + email))
                .toUser();
    }

    /** The user with this email, or else a new one with this id: the local demo user, the same at every start. */
    public User userOrCreate(String id, String email, String password, String fullName, List<String> roles) {
        return accounts.withEmail(email)
                .or(() -> accounts.insert(id, email, password, Map.of("full_name", fullName), roles))
                .orElseThrow().toUser();
    }

    /** Sets the top-level {@code role} column; "admin" makes a netlify user an admin (docs/identity.md#admin-api). */
    public void setRole(String id, String role) {
        accounts.update(id, account -> account.with(role, account.roles()));
    }

    /** Replaces {@code app_metadata.roles}; tokens minted earlier keep the old roles (docs/identity.md#the-principal). */
    public void updateRoles(String id, List<String> roles) {
        accounts.update(id, account -> account.with(account.role(), List.copyOf(roles)));
    }

    public String accessToken(User user) {
        return accessToken(user, StandInRoutes.TOKEN_LIFETIME);
    }

    /** Mints from the stored user, as {@code /token} would; a negative TTL gives an expired token. */
    public String accessToken(User user, Duration ttl) {
        var account = accounts.get(user.id());
        if (account == null) {
            throw new IllegalArgumentException("unknown user " + user.id() + " (mint tokens before deleting the user)");
        }
        return routes.accessToken(account, ttl);
    }

    /** Signs arbitrary claims with the instance key and header, e.g. system-user or service_role tokens. */
    public String mintToken(Map<String, Object> claims) {
        return keys.sign(claims);
    }

    public boolean userExists(String id) {
        return accounts.exists(id);
    }

    /** Removes a user as if deleted through another channel; issued tokens stay valid (docs/identity.md#tokens-outlive-deletion). */
    public void deleteUser(String id) {
        if (accounts.remove(id) == null) {
            throw new IllegalArgumentException("unknown user " + id);
        }
    }

    public List<RecordedRequest> requests() {
        return server.requests();
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
    public void rotateSigningKey(JWK next) {
        keys.rotate(next);
    }

    /** Removes the public key {@code kid} from the JWK set, as after a compromised key is rotated out. */
    public void retireSigningKey(String kid) {
        keys.retire(kid);
    }

    public void behave(Behaviour b) {
        behaviour = Objects.requireNonNull(b);
    }

    public void slowBy(Duration d) {
        slowBy = Objects.requireNonNull(d);
    }

    /** Stops listening: the port refuses connections until {@link #up()}. */
    public void down() {
        server.down();
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
    public void up() {
        server.up();
    }

    /** Back to normal behaviour, up, no recorded requests; users are kept. */
    public void reset() {
        behaviour = Behaviour.NORMAL;
        slowBy = DEFAULT_SLOW;
        up();
        server.clearRequests();
    }

    @Override
    public void close() {
        server.close();
    }

    // ---- answering -------------------------------------------------------------------------

    private Response respond(RecordedRequest request) {
        URI uri = URI.create(request.path());
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
                throw ApiError.internal();
            }
            if (current == Behaviour.RATE_LIMITED) {
                throw new ApiError(429, "over_request_rate_limit", "Rate limit exceeded");
            }
            if (current == Behaviour.UNAUTHORIZED_ADMIN && uri.getPath().startsWith("/admin/")) {
                throw ApiError.notAdmin(config.flavour());
            }
            return routes.route(request, uri.getPath(), uri.getRawQuery());
        } catch (ApiError e) {
            return new Response(e.status, e.body(config.flavour()));
        } catch (RuntimeException e) {
            // GoTrue answers unhandled errors with a generic 500; the log says what went wrong here
            LOG.log(System.Logger.Level.ERROR, "GoTrue stand-in failed on " + request.method() + " " + uri, e);
            return new Response(500, ApiError.internal().body(config.flavour()));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
