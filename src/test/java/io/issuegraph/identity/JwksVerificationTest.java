package io.issuegraph.identity;

import static io.issuegraph.testsupport.GraphQlHttp.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.issuegraph.identity.standin.GoTrueStandIn;
import io.issuegraph.identity.standin.JdkEd25519Signer;
import io.issuegraph.testsupport.ServerTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** JWKS mode (Supabase signing keys): asymmetric tokens checked against the published key set. */
class JwksVerificationTest extends ServerTest {

    private static final RSAKey FIRST_KEY = generateRsa("supabase-key-1");
    private static final GoTrueStandIn supabase = GoTrueStandIn.start(
            GoTrueStandIn.Config.supabase("unused-secret-unused-secret-unused-secret").withSigningKey(FIRST_KEY));
    private static final String ME = query("{ me { id email name } }");
    private static final Duration CACHE_TTL = Duration.ofSeconds(3);

    @DynamicPropertySource
    static void jwksMode(DynamicPropertyRegistry registry) {
        registry.add("issuegraph.identity.url", () -> supabase.url().toString());
        registry.add("issuegraph.identity.jwks-uri", () -> supabase.url() + "/.well-known/jwks.json");
        registry.add("issuegraph.identity.jwks-cache-ttl", () -> CACHE_TTL.toMillis() + "ms");
        registry.add("issuegraph.identity.admin-token", () -> supabase.mintToken(Map.of("role", "service_role",
                "iss", "supabase", "exp", Instant.now().plus(Duration.ofDays(1)).getEpochSecond())));
    }

    @AfterAll
    void stopStandIn() {
        supabase.close();
    }

    @Test
    void aValidRs256TokenGetsIn() {
        GoTrueStandIn.User user = supabase.createUser(uniqueEmail(), "pw", "Sue Pabase", List.of());
        HttpResponse<String> response = post(ME, supabase.accessToken(user));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(user.id()).contains("Sue Pabase");
    }

    @Test
    void anExpiredTokenIsRefused() {
        GoTrueStandIn.User user = supabase.createUser(uniqueEmail(), "pw", null, List.of());
        assertUnauthorized(post(ME, supabase.accessToken(user, Duration.ofMinutes(-5))));
    }

    @Test
    void aTokenSignedWithAnotherKeyUnderAKnownKidIsRefused() throws Exception {
        assertUnauthorized(post(ME, rs256(generateRsa(FIRST_KEY.getKeyID()))));
    }

    @Test
    void aTokenWithAnUnknownKidIsRefused() throws Exception {
        assertUnauthorized(post(ME, rs256(generateRsa("nobody-knows-me"))));
    }

    @Test
    void whileTheKeySetIsUnreachableKnownKeysStillWorkAndUnknownOnesAreUnavailable() throws Exception {
        GoTrueStandIn.User user = supabase.createUser(uniqueEmail(), "pw", null, List.of());
        String known = supabase.accessToken(user);
        assertThat(post(ME, known).statusCode()).isEqualTo(200);
        String unknownKid = rs256(generateRsa("appeared-while-down"));
        supabase.whileDown(() -> {
            assertThat(post(ME, known).statusCode()).isEqualTo(200);
            HttpResponse<String> unknown = post(ME, unknownKid);
            assertThat(unknown.statusCode()).isEqualTo(503);
            assertThat(unknown.body()).contains("\"classification\":\"SERVICE_UNAVAILABLE\"");
        });
    }

    @Test
    void knownKeysKeepWorkingThroughAnOutageLongerThanTheCacheLifetime() throws Exception {
        GoTrueStandIn.User user = supabase.createUser(uniqueEmail(), "pw", null, List.of());
        String known = supabase.accessToken(user);
        assertThat(post(ME, known).statusCode()).isEqualTo(200);
        supabase.whileDown(() -> {
            long end = System.nanoTime() + CACHE_TTL.multipliedBy(3).toNanos();
            while (System.nanoTime() < end) {
                assertThat(post(ME, known).statusCode()).isEqualTo(200);
                sleep(Duration.ofMillis(300));
            }
        });
        assertThat(post(ME, known).statusCode()).isEqualTo(200);
    }

    @Test
    void aSubThatCannotBeStoredIsUnauthorized() throws Exception {
        var claims = TokenAuthenticationTest.validClaims();
        claims.put("sub", "x".repeat(65));
        HttpResponse<String> response = post(ME, rs256(FIRST_KEY, claims));
        assertUnauthorized(response);
        assertThat(response.body()).contains("user id cannot be stored");
    }

    @Test
    void anHs256TokenIsRefusedInJwksMode() throws Exception {
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(FIRST_KEY.getKeyID()).build(),
                JWTClaimsSet.parse(TokenAuthenticationTest.validClaims()));
        jwt.sign(new MACSigner("unused-secret-unused-secret-unused-secret"));
        assertUnauthorized(post(ME, jwt.serialize()));
    }

    @Test
    void aRotatedKeyIsFetchedOnFirstSightOfItsKidAndOldTokensStillWork() throws Exception {
        GoTrueStandIn.User user = supabase.createUser(uniqueEmail(), "pw", "Rota Tion", List.of());
        String oldToken = supabase.accessToken(user);
        assertThat(post(ME, oldToken).statusCode()).isEqualTo(200);

        supabase.rotateSigningKey(new ECKeyGenerator(Curve.P_256).keyID("supabase-key-2").generate());
        String newToken = supabase.accessToken(user);
        assertThat(SignedJWT.parse(newToken).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);

        // The set is fetched at most once a second; until then a new key id is "unavailable" (503), never invalid.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).until(() -> {
            int status = post(ME, newToken).statusCode();
            assertThat(status).isIn(200, 503);
            return status == 200;
        });
        assertThat(post(ME, oldToken).statusCode()).isEqualTo(200);
    }

    /**
     * A key removed from the set right after it was fetched, and a token it signed first used just before
     * the cached set expires: refused once the set is fetched again, within the set's cache lifetime of the
     * removal (docs/identity.md#asymmetric-keys-jwk-set), not a cache lifetime after the token's first use.
     */
    @Test
    void aKeyRemovedFromTheSetStopsWorkingWithinTheCacheLifetime() throws Exception {
        GoTrueStandIn.User user = supabase.createUser(uniqueEmail(), "pw", "Com Promised", List.of());
        supabase.rotateSigningKey(new ECKeyGenerator(Curve.P_256).keyID("supabase-key-compromised").generate());
        try {
            String first = supabase.accessToken(user);
            await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                    .until(() -> post(ME, first).statusCode() == 200); // the set holding the key was fetched just now
            supabase.retireSigningKey("supabase-key-compromised");
            long removed = System.nanoTime();

            sleep(CACHE_TTL.minusSeconds(1));
            String second = supabase.accessToken(user, Duration.ofHours(1));
            assertThat(post(ME, second).statusCode()).isEqualTo(200); // the cached set still holds the key

            // 401, or 503 while the set, just fetched, cannot be fetched again to look for the key
            await().atMost(Duration.ofNanos(removed + CACHE_TTL.plusMillis(800).toNanos() - System.nanoTime()))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> post(ME, second).statusCode(), status -> status == 401 || status == 503);
            assertThat(post(ME, first).statusCode()).isIn(401, 503);
        } finally {
            // the next tests sign with a published key, already fetched
            supabase.rotateSigningKey(generateRsa("supabase-key-after-compromise"));
            String next = supabase.accessToken(user);
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                    .until(() -> post(ME, next).statusCode() == 200);
        }
    }

    @Test
    void anEd25519KeyWorksToo() throws Exception {
        GoTrueStandIn.User user = supabase.createUser(uniqueEmail(), "pw", "Ed Wards", List.of());
        supabase.rotateSigningKey(JdkEd25519Signer.generate("supabase-ed25519"));
        String token = supabase.accessToken(user);
        assertThat(SignedJWT.parse(token).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);

        assertThat(post(ME, token).statusCode()).isEqualTo(200);

        // the same claims signed by another Ed25519 key under that key id are refused
        var forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID("supabase-ed25519").build(),
                SignedJWT.parse(token).getJWTClaimsSet());
        forged.sign(new JdkEd25519Signer(JdkEd25519Signer.generate("supabase-ed25519")));
        assertUnauthorized(post(ME, forged.serialize()));
    }

    @Test
    void deletingTheAccountUsesTheServiceRoleKeyAndRevokesTheToken() {
        GoTrueStandIn.User user = supabase.createUser(uniqueEmail(), "pw", "Del Ete", List.of());
        String token = supabase.accessToken(user);

        HttpResponse<String> response = post(query("mutation { deleteMyAccount { identityDeleted } }"), token);

        assertThat(response.body()).contains("\"identityDeleted\":true");
        assertThat(supabase.userExists(user.id())).isFalse();
        assertThat(supabase.requests("DELETE", "/admin/users/" + user.id())).singleElement()
                .satisfies(delete -> assertThat(delete.header("Authorization")).isNotEqualTo("Bearer " + token));
        assertUnauthorized(post(ME, token));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"classification\":\"UNAUTHORIZED\"");
    }

    private static String rs256(RSAKey key) throws Exception {
        return rs256(key, TokenAuthenticationTest.validClaims());
    }

    private static String rs256(RSAKey key, Map<String, Object> claims) throws Exception {
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                JWTClaimsSet.parse(claims));
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static RSAKey generateRsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (com.nimbusds.jose.JOSEException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
