package io.issuegraph.identity.standin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.issuegraph.identity.standin.GoTrueStandIn.Behaviour;
import io.issuegraph.identity.standin.GoTrueStandIn.Config;
import io.issuegraph.identity.standin.GoTrueStandIn.RecordedRequest;
import io.issuegraph.identity.standin.GoTrueStandIn.User;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Tag("integration")
class GoTrueStandInTest {

    private static final String SECRET = "stand-in-test-secret-of-at-least-32-bytes";
    private static final String FORM = "application/x-www-form-urlencoded";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final JsonMapper json = JsonMapper.builder().build();
    private GoTrueStandIn gotrue;

    @BeforeEach
    void start() {
        gotrue = GoTrueStandIn.start(Config.netlify(SECRET));
    }

    @AfterEach
    void stop() {
        gotrue.close();
    }

    @Test
    void signupThenFormEncodedPasswordGrantThenUser() throws Exception {
        var signup = post("/signup", "application/json", json.writeValueAsString(Map.of(
                "email", "alice@example.com", "password", "s3cret", "data", Map.of("full_name", "Alice Example"))));
        assertThat(signup.statusCode()).isEqualTo(200);
        JsonNode user = json(signup);
        String id = user.get("id").asString();
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(user.get("aud").asString()).isEmpty();
        assertThat(user.get("role").asString()).isEmpty();
        assertThat(user.get("email").asString()).isEqualTo("alice@example.com");
        assertThat(user.get("confirmed_at").asString()).isNotEmpty();
        assertThat(user.get("app_metadata")).isEqualTo(json("{\"provider\":\"email\"}"));
        assertThat(user.get("user_metadata")).isEqualTo(json("{\"full_name\":\"Alice Example\"}"));

        var token = post("/token", FORM, "grant_type=password&username=alice%40example.com&password=s3cret");
        assertThat(token.statusCode()).isEqualTo(200);
        JsonNode grant = json(token);
        assertThat(grant.get("token_type").asString()).isEqualTo("bearer");
        assertThat(grant.get("expires_in").asInt()).isEqualTo(3600);
        assertThat(grant.get("refresh_token").asString()).isNotEmpty();

        var me = get("/user", grant.get("access_token").asString());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json(me).get("id").asString()).isEqualTo(id);
        assertThat(json(me).get("user_metadata").get("full_name").asString()).isEqualTo("Alice Example");

        RecordedRequest login = gotrue.requests("POST", "/token").get(0);
        assertThat(login.headers()).containsEntry("content-type", FORM);
        assertThat(login.body()).contains("grant_type=password");
    }

    /** As netlify/gotrue ab1bf15 answers (docs/identity.md#what-the-real-servers-showed). */
    @Test
    void signupWithoutDataAnswersNullButStoresEmptyUserMetadata() throws Exception {
        var signup = post("/signup", "application/json", "{\"email\":\"bob@example.com\",\"password\":\"s3cret\"}");
        assertThat(json(signup).get("user_metadata").isNull()).isTrue();

        String token = json(post("/token", FORM, "grant_type=password&username=bob%40example.com&password=s3cret"))
                .get("access_token").asString();
        assertThat(SignedJWT.parse(token).getPayload().toJSONObject()).containsEntry("user_metadata", Map.of());
        assertThat(json(get("/user", token)).get("user_metadata")).isEqualTo(json("{}"));
    }

    @Test
    void refreshTokensRotate() throws Exception {
        gotrue.createUser("alice@example.com", "s3cret", null, List.of());
        String refresh = json(post("/token", FORM, "grant_type=password&username=alice@example.com&password=s3cret"))
                .get("refresh_token").asString();

        var refreshed = post("/token", FORM, "grant_type=refresh_token&refresh_token=" + refresh);
        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(get("/user", json(refreshed).get("access_token").asString()).statusCode()).isEqualTo(200);

        var reused = post("/token", FORM, "grant_type=refresh_token&refresh_token=" + refresh);
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(json(reused)).isEqualTo(json(
                "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid Refresh Token\"}"));
    }

    @Test
    void signupAndTokenErrorsFollowTheContract() throws Exception {
        gotrue.createUser("alice@example.com", "s3cret", "Alice", List.of());

        var noPassword = post("/signup", "application/json", "{\"email\":\"bob@example.com\",\"password\":\"\"}");
        assertThat(noPassword.statusCode()).isEqualTo(422);
        assertThat(json(noPassword)).isEqualTo(json("{\"code\":422,\"msg\":\"Signup requires a valid password\"}"));

        var noEmail = post("/signup", "application/json", "{\"password\":\"pw\"}");
        assertThat(noEmail.statusCode()).isEqualTo(422);
        assertThat(json(noEmail).get("msg").asString()).isEqualTo("An email address is required");

        var taken = post("/signup", "application/json", "{\"email\":\"ALICE@example.com\",\"password\":\"pw\"}");
        assertThat(taken.statusCode()).isEqualTo(400);
        assertThat(json(taken).get("msg").asString())
                .isEqualTo("A user with this email address has already been registered");

        var wrongPassword = post("/token", FORM, "grant_type=password&username=alice@example.com&password=nope");
        assertThat(wrongPassword.statusCode()).isEqualTo(400);
        assertThat(json(wrongPassword)).isEqualTo(json("{\"error\":\"invalid_grant\","
                + "\"error_description\":\"No user found with that email, or password invalid.\"}"));

        // docs/identity.md#sign-up-and-log-in: a JSON body is not read by netlify's /token
        var jsonLogin = post("/token", "application/json",
                "{\"grant_type\":\"password\",\"username\":\"alice@example.com\",\"password\":\"s3cret\"}");
        assertThat(jsonLogin.statusCode()).isEqualTo(400);
        assertThat(json(jsonLogin)).isEqualTo(json("{\"error\":\"unsupported_grant_type\"}"));
    }

    @Test
    void accessTokenIsHs256WithExactlyTheNetlifyClaims() throws Exception {
        User alice = gotrue.createUser("alice@example.com", "s3cret", "Alice Example", List.of("editor"));
        long now = Instant.now().getEpochSecond();

        SignedJWT jwt = SignedJWT.parse(gotrue.accessToken(alice));

        assertThat(jwt.verify(new MACVerifier(SECRET.getBytes(UTF_8)))).isTrue();
        assertThat(jwt.getHeader().toJSONObject())
                .containsExactlyInAnyOrderEntriesOf(Map.of("alg", "HS256", "kid", "nf-ident", "typ", "JWT"));
        Map<String, Object> claims = jwt.getPayload().toJSONObject();
        assertThat(claims.keySet())
                .containsExactlyInAnyOrder("sub", "exp", "email", "app_metadata", "user_metadata");
        assertThat(claims)
                .containsEntry("sub", alice.id())
                .containsEntry("email", "alice@example.com")
                .containsEntry("app_metadata", Map.of("provider", "email", "roles", List.of("editor")))
                .containsEntry("user_metadata", Map.of("full_name", "Alice Example"));
        assertThat(((Number) claims.get("exp")).longValue() - now).isBetween(3599L, 3601L);
    }

    @Test
    void userEndpointRejectsMissingExpiredForeignAndSystemTokens() throws Exception {
        User alice = gotrue.createUser("alice@example.com", "s3cret", null, List.of());

        var missing = get("/user", null);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(json(missing)).isEqualTo(json("{\"code\":401,\"msg\":\"This endpoint requires a Bearer token\"}"));

        var expired = get("/user", gotrue.accessToken(alice, Duration.ofSeconds(-90)));
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(json(expired).get("msg").asString()).startsWith("Invalid token: token is expired by 1m3");

        String foreign = hs256("another-secret-that-is-also-32-bytes-long", Map.of("sub", alice.id()));
        var forged = get("/user", foreign);
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(json(forged).get("msg").asString()).isEqualTo("Invalid token: signature is invalid");

        var system = get("/user", gotrue.mintToken(Map.of("sub", "0")));
        assertThat(system.statusCode()).isEqualTo(400);
        assertThat(json(system).get("msg").asString()).isEqualTo("Could not read User ID claim");
    }

    @Test
    void deletedUserGets404WhileTheTokenStaysCryptographicallyValid() throws Exception {
        User alice = gotrue.createUser("alice@example.com", "s3cret", null, List.of());
        String token = gotrue.accessToken(alice);

        gotrue.deleteUser(alice.id());

        var me = get("/user", token);
        assertThat(me.statusCode()).isEqualTo(404);
        assertThat(json(me)).isEqualTo(json("{\"code\":404,\"msg\":\"User not found\"}"));
        assertThat(SignedJWT.parse(token).verify(new MACVerifier(SECRET.getBytes(UTF_8)))).isTrue();
    }

    @Test
    void userEndpointShowsCurrentRolesWhileTheTokenKeepsTheOldOnes() throws Exception {
        User alice = gotrue.createUser("alice@example.com", "s3cret", null, List.of("editor"));
        String token = gotrue.accessToken(alice);

        gotrue.updateRoles(alice.id(), List.of("viewer"));

        assertThat(json(get("/user", token)).get("app_metadata").get("roles")).isEqualTo(json("[\"viewer\"]"));
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getJSONObjectClaim("app_metadata"))
                .containsEntry("roles", List.of("editor"));
    }

    @Test
    void adminDeleteWithOperatorTokenIsNotIdempotent() throws Exception {
        User alice = gotrue.createUser("alice@example.com", "s3cret", null, List.of());

        var first = delete("/admin/users/" + alice.id(), gotrue.operatorToken(), null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json(first)).isEqualTo(json("{}"));
        assertThat(gotrue.userExists(alice.id())).isFalse();

        var second = delete("/admin/users/" + alice.id(), gotrue.operatorToken(), null);
        assertThat(second.statusCode()).isEqualTo(404);
        assertThat(json(second)).isEqualTo(json("{\"code\":404,\"msg\":\"User not found\"}"));

        assertThat(gotrue.requests("DELETE", "/admin/users/"))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + gotrue.operatorToken()));
    }

    @Test
    void systemUserJwtIsAdmin() throws Exception {
        User alice = gotrue.createUser("alice@example.com", "s3cret", null, List.of());
        long exp = Instant.now().getEpochSecond() + 60;

        var list = get("/admin/users", gotrue.mintToken(Map.of("sub", "0", "exp", exp)));
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(json(list).get("aud").asString()).isEmpty();
        assertThat(json(list).get("users").get(0).get("id").asString()).isEqualTo(alice.id());

        String nilUuid = gotrue.mintToken(Map.of("sub", "00000000-0000-0000-0000-000000000000", "exp", exp));
        assertThat(delete("/admin/users/" + alice.id(), nilUuid, null).statusCode()).isEqualTo(200);
        assertThat(gotrue.userExists(alice.id())).isFalse();
    }

    @Test
    void plainUserTokenIsNotAdminUnlessTheRoleColumnSaysSo() throws Exception {
        // docs/identity.md#admin-api: app_metadata.roles ["admin"] does not make an admin
        User alice = gotrue.createUser("alice@example.com", "s3cret", null, List.of("admin"));
        String token = gotrue.accessToken(alice);

        var denied = get("/admin/users", token);
        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(json(denied)).isEqualTo(json("{\"code\":401,\"msg\":\"User not allowed\"}"));

        gotrue.setRole(alice.id(), "admin");
        assertThat(get("/admin/users", token).statusCode()).isEqualTo(200);
    }

    @Test
    void malformedIdIs400ButOnlyAfterTheAdminCheck() throws Exception {
        var malformed = delete("/admin/users/not-a-uuid", gotrue.operatorToken(), null);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed)).isEqualTo(json("{\"code\":400,\"msg\":\"user_id must be an UUID\"}"));

        var anonymous = delete("/admin/users/not-a-uuid", null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json(anonymous).get("msg").asString()).isEqualTo("This endpoint requires a Bearer token");

        // docs/identity.md#sending-the-id-and-the-body: GoTrue's UUID parser accepts the braced form
        User alice = gotrue.createUser("alice@example.com", "s3cret", null, List.of());
        var braced = get("/admin/users/%7B" + alice.id() + "%7D", gotrue.operatorToken());
        assertThat(braced.statusCode()).isEqualTo(200);
        assertThat(json(braced).get("id").asString()).isEqualTo(alice.id());
    }

    @Test
    void nonJsonDeleteBodyIs400ForJwtAdmins() throws Exception {
        User alice = gotrue.createUser("alice@example.com", "s3cret", null, List.of());
        String system = gotrue.mintToken(Map.of("sub", "0"));

        var garbage = delete("/admin/users/" + alice.id(), system, "user=alice");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(json(garbage).get("msg").asString()).startsWith("Could not decode admin user params: ");
        assertThat(gotrue.userExists(alice.id())).isTrue();

        assertThat(delete("/admin/users/" + alice.id(), system, "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void operatorTokenPathNeverDecodesTheBody() throws Exception {
        // netlify's requireAdminCredentials returns before requireAdmin, which is what reads the body
        User alice = gotrue.createUser("alice@example.com", "s3cret", null, List.of());

        assertThat(delete("/admin/users/" + alice.id(), gotrue.operatorToken(), "user=alice").statusCode())
                .isEqualTo(200);
    }

    @Test
    void supabaseFlavourAnswers403NotAdminAnd404ForMalformedIds() throws Exception {
        try (GoTrueStandIn supabase = GoTrueStandIn.start(Config.supabase(SECRET))) {
            User alice = supabase.createUser("alice@example.com", "s3cret", null, List.of());
            String userToken = supabase.accessToken(alice);
            assertThat(SignedJWT.parse(userToken).getJWTClaimsSet().getClaims())
                    .containsEntry("role", "authenticated")
                    .containsEntry("iss", supabase.url().toString())
                    .containsKeys("iat", "session_id", "is_anonymous")
                    // as supabase/auth bc32168 mints them (docs/identity.md#what-the-real-servers-showed)
                    .containsEntry("user_metadata", Map.of("email", "alice@example.com", "email_verified", true,
                            "phone_verified", false, "sub", alice.id()));

            var denied = get(supabase, "/admin/users", userToken);
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(json(denied)).isEqualTo(json(
                    "{\"code\":403,\"error_code\":\"not_admin\",\"msg\":\"User not allowed\"}"));

            var operator = get(supabase, "/admin/users", supabase.operatorToken());
            assertThat(operator.statusCode()).isEqualTo(403);
            assertThat(json(operator).get("error_code").asString()).isEqualTo("bad_jwt");

            String serviceRole = supabase.mintToken(Map.of("role", "service_role"));
            var malformed = send(supabase, "DELETE", "/admin/users/not-a-uuid", serviceRole, null);
            assertThat(malformed.statusCode()).isEqualTo(404);
            assertThat(json(malformed)).isEqualTo(json(
                    "{\"code\":404,\"error_code\":\"validation_failed\",\"msg\":\"user_id must be an UUID\"}"));

            assertThat(send(supabase, "DELETE", "/admin/users/" + alice.id(), serviceRole, null).statusCode())
                    .isEqualTo(200);
            assertThat(supabase.userExists(alice.id())).isFalse();
        }
    }

    /** As supabase/auth bc32168 answers (docs/identity.md#what-the-real-servers-showed). */
    @Test
    void supabaseFlavourSignsUpWithASessionAndLogsInWithJson() throws Exception {
        try (GoTrueStandIn supabase = GoTrueStandIn.start(Config.supabase(SECRET))) {
            String alice = "{\"email\":\"alice@example.com\",\"password\":\"s3cret\"}";
            var signup = send(supabase, "POST", "/signup", null, alice);
            assertThat(signup.statusCode()).isEqualTo(200);
            assertThat(json(signup).get("access_token").asString()).isNotEmpty();
            assertThat(json(signup).get("user").get("email").asString()).isEqualTo("alice@example.com");
            var again = send(supabase, "POST", "/signup", null, alice);
            assertThat(again.statusCode()).isEqualTo(422);
            assertThat(json(again)).isEqualTo(json(
                    "{\"code\":422,\"error_code\":\"user_already_exists\",\"msg\":\"User already registered\"}"));

            var login = send(supabase, "POST", "/token?grant_type=password", null, alice);
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(json(login).get("token_type").asString()).isEqualTo("bearer");
            assertThat(json(login).get("expires_at").asLong()).isGreaterThan(Instant.now().getEpochSecond());
            String refresh = json(login).get("refresh_token").asString();
            var refreshed = send(supabase, "POST", "/token?grant_type=refresh_token", null,
                    "{\"refresh_token\":\"" + refresh + "\"}");
            assertThat(refreshed.statusCode()).isEqualTo(200);

            var wrong = send(supabase, "POST", "/token?grant_type=password", null,
                    "{\"email\":\"alice@example.com\",\"password\":\"nope\"}");
            assertThat(wrong.statusCode()).isEqualTo(400);
            assertThat(json(wrong)).isEqualTo(json(
                    "{\"code\":400,\"error_code\":\"invalid_credentials\",\"msg\":\"Invalid login credentials\"}"));
            var form = send(supabase, "POST", "/token?grant_type=password", null, "email=alice%40example.com&password=s3cret");
            assertThat(form.statusCode()).isEqualTo(400);
            assertThat(json(form).get("error_code").asString()).isEqualTo("bad_json");
            var grant = send(supabase, "POST", "/token?grant_type=magic", null, "{}");
            assertThat(json(grant).get("msg").asString()).isEqualTo("unsupported_grant_type");
        }
    }

    @Test
    void fail500AnswersLikeAnUnhandledGoTrueErrorUntilReset() throws Exception {
        gotrue.behave(Behaviour.FAIL_500);

        var health = get("/health", null);
        assertThat(health.statusCode()).isEqualTo(500);
        assertThat(json(health).get("code").asInt()).isEqualTo(500);
        assertThat(json(health).get("msg").asString()).isEqualTo("Internal server error");
        assertThat(json(health).get("error_id").asString()).isNotEmpty();
        assertThat(delete("/admin/users/" + gotrue.createUser("a@example.com", "pw", null, List.of()).id(),
                gotrue.operatorToken(), null).statusCode()).isEqualTo(500);

        gotrue.reset();
        assertThat(gotrue.requests()).isEmpty();
        var healthy = get("/health", null);
        assertThat(healthy.statusCode()).isEqualTo(200);
        assertThat(json(healthy).get("name").asString()).isEqualTo("GoTrue");
    }

    @Test
    void unauthorizedAdminRejectsEvenTheOperatorToken() throws Exception {
        gotrue.behave(Behaviour.UNAUTHORIZED_ADMIN);

        var list = get("/admin/users", gotrue.operatorToken());
        assertThat(list.statusCode()).isEqualTo(401);
        assertThat(json(list)).isEqualTo(json("{\"code\":401,\"msg\":\"User not allowed\"}"));
        assertThat(get("/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void slowDelaysTheAnswerWithoutBlockingOtherRequests() throws Exception {
        Duration delay = Duration.ofMillis(1500);
        gotrue.slowBy(delay);
        gotrue.behave(Behaviour.SLOW);
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<String>> slow =
                http.sendAsync(to(gotrue, "/health").GET().build(), BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(5)).until(() -> !gotrue.requests("GET", "/health").isEmpty());

        gotrue.behave(Behaviour.NORMAL);
        assertThat(get("/settings", null).statusCode()).isEqualTo(200);
        assertThat(slow).isNotDone();

        assertThat(slow.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(delay);
    }

    @Test
    void downRefusesConnectionsAndUpListensOnTheSamePortWithTheSameUsers() throws Exception {
        User alice = gotrue.createUser("alice@example.com", "s3cret", null, List.of());
        URI before = gotrue.url();

        gotrue.down();
        assertThatThrownBy(() -> get("/health", null)).isInstanceOf(ConnectException.class);

        gotrue.up();
        assertThat(gotrue.url()).isEqualTo(before);
        assertThat(get("/user", gotrue.accessToken(alice)).statusCode()).isEqualTo(200);
    }

    @Test
    void signingKeyIsPublishedAsJwksAndSignsRs256() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("test-key").generate();
        try (GoTrueStandIn signed = GoTrueStandIn.start(Config.netlify(SECRET).withSigningKey(rsa))) {
            var jwks = get(signed, "/.well-known/jwks.json", null);
            assertThat(jwks.statusCode()).isEqualTo(200);
            RSAKey published = (RSAKey) JWKSet.parse(jwks.body()).getKeyByKeyId("test-key");
            assertThat(published.isPrivate()).isFalse();
            // as supabase/auth bc32168 publishes its keys (docs/identity.md#what-the-real-servers-showed)
            assertThat(json(jwks).get("keys").get(0).get("alg").asString()).isEqualTo("RS256");
            assertThat(json(jwks).get("keys").get(0).get("use").asString()).isEqualTo("sig");
            assertThat(json(jwks).get("keys").get(0).get("key_ops")).isEqualTo(json("[\"verify\"]"));

            User alice = signed.createUser("alice@example.com", "s3cret", null, List.of());
            SignedJWT token = SignedJWT.parse(signed.accessToken(alice));
            assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
            assertThat(token.getHeader().getKeyID()).isEqualTo("test-key");
            assertThat(token.verify(new RSASSAVerifier(published))).isTrue();
            assertThat(get(signed, "/user", token.serialize()).statusCode()).isEqualTo(200);

            var hs256 = get(signed, "/user", hs256(SECRET, Map.of("sub", alice.id())));
            assertThat(hs256.statusCode()).isEqualTo(401);
            assertThat(json(hs256).get("msg").asString()).isEqualTo("Invalid token: signing method HS256 is invalid");
        }
        // netlify with a shared secret publishes nothing (docs/identity.md#tokens)
        assertThat(get("/.well-known/jwks.json", null).statusCode()).isEqualTo(404);
    }

    /** As netlify/gotrue ab1bf15 answers (docs/identity.md#what-the-real-servers-showed). */
    @Test
    void answersCorsLikeNetlifyGoTrueAndRefusesTheWidgetsHeader() throws Exception {
        var preflight = preflight("POST", "Content-Type, Authorization");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValue("Content-Type, Authorization");

        // netlify-identity-widget sends X-Nf-Client on every call: refused, so only a same-origin page can use it
        var widget = preflight("GET", "x-nf-client");
        assertThat(widget.statusCode()).isEqualTo(204);
        assertThat(widget.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(preflight("PATCH", "").headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        var settings = http.send(to(gotrue, "/settings").header("Origin", "http://127.0.0.1:5173").build(), BodyHandlers.ofString());
        assertThat(settings.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(json(settings).get("autoconfirm").asBoolean()).isTrue();
        assertThat(json(settings).get("external").get("email").asBoolean()).isTrue();
        assertThat(get("/settings", null).headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private HttpResponse<String> preflight(String method, String headers) throws Exception {
        HttpRequest.Builder request = to(gotrue, "/token").method("OPTIONS", BodyPublishers.noBody())
                .header("Origin", "http://127.0.0.1:5173").header("Access-Control-Request-Method", method);
        if (!headers.isEmpty()) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static String hs256(String secret, Map<String, Object> claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), JWTClaimsSet.parse(claims));
        jwt.sign(new MACSigner(secret.getBytes(UTF_8)));
        return jwt.serialize();
    }

    private static HttpRequest.Builder to(GoTrueStandIn server, String path) {
        return HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(5));
    }

    private HttpResponse<String> send(GoTrueStandIn server, String method, String path, String bearer, String body)
            throws Exception {
        HttpRequest.Builder request = to(server, path)
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private HttpResponse<String> get(GoTrueStandIn server, String path, String bearer) throws Exception {
        return send(server, "GET", path, bearer, null);
    }

    private HttpResponse<String> get(String path, String bearer) throws Exception {
        return get(gotrue, path, bearer);
    }

    private HttpResponse<String> delete(String path, String bearer, String body) throws Exception {
        return send(gotrue, "DELETE", path, bearer, body);
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return http.send(to(gotrue, path).header("Content-Type", contentType)
                .POST(BodyPublishers.ofString(body)).build(), BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    private JsonNode json(String literal) {
        return json.readTree(literal);
    }
}
