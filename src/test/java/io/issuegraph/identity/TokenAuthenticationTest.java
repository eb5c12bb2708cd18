package io.issuegraph.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.issuegraph.identity.standin.GoTrueStandIn;
import io.issuegraph.testsupport.GraphQlHttp;
import io.issuegraph.testsupport.IntegrationTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HS256 mode (self-hosted GoTrue): which tokens get in, and what the others get back. */
class TokenAuthenticationTest extends IntegrationTest {

    private static final String CREATE = "{\"query\":\"mutation { createIssue(input: {title: \\\"sneaky\\\"}) { id } }\"}";
    private static final String ME = "{\"query\":\"{ me { id email name roles } }\"}";

    @Test
    void aValidTokenGetsIn() {
        GoTrueStandIn.User user = newUser("Valid Val");
        HttpResponse<String> response = post(ME, gotrue.accessToken(user));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(user.id()).contains("Valid Val");
    }

    @Test
    void noTokenIsUnauthorizedWithABearerChallengeAndAGraphQlBody() {
        long before = issueCount();
        HttpResponse<String> response = post(CREATE, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
        assertThat(response.body()).contains("\"classification\":\"UNAUTHORIZED\"").contains("\"errors\"")
                .contains("bearer token");
        assertThat(issueCount()).isEqualTo(before);
    }

    @Test
    void withoutAPublicUrlTheChallengeNamesNoMetadataAndNoneIsServed() {
        String head = GraphQlHttp.headWithHost(port, "POST", "/graphql", "evil.example");
        assertThat(head).startsWith("HTTP/1.1 401").contains("WWW-Authenticate: Bearer")
                .doesNotContain("resource_metadata").doesNotContain("evil.example");
        assertThat(GraphQlHttp.headWithHost(port, "GET", "/.well-known/oauth-protected-resource",
                "evil.example")).startsWith("HTTP/1.1 404").doesNotContain("evil.example");
    }

    @Test
    void anExpiredTokenIsRefused() {
        GoTrueStandIn.User user = newUser("Expired Ed");
        assertRefused(gotrue.accessToken(user, Duration.ofMinutes(-5)));
    }

    @Test
    void aTokenExpiredWithinTheClockSkewIsStillAccepted() {
        GoTrueStandIn.User user = newUser("Skewed Sue");
        assertThat(post(ME, gotrue.accessToken(user, Duration.ofSeconds(-5))).statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() throws Exception {
        assertRefused(hs256(validClaims(), "another-secret-that-is-also-32-bytes-long"));
    }

    @Test
    void anUnsignedAlgNoneTokenIsRefused() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = base64.encodeToString(("{\"sub\":\"6d0a1f1e-3c7b-4a7e-9a51-2b9f0c1d2e3f\",\"email\":\"eve@example.com\","
                + "\"exp\":" + Instant.now().plusSeconds(3600).getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        assertRefused(header + "." + payload + ".");
    }

    @Test
    void anotherAlgorithmIsRefusedEvenWithValidClaims() throws Exception {
        var rsa = new RSAKeyGenerator(2048).keyID("attacker").generate();
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker").build(),
                JWTClaimsSet.parse(validClaims()));
        jwt.sign(new RSASSASigner(rsa));
        assertRefused(jwt.serialize());
        assertRefused(hs(JWSAlgorithm.HS512, validClaims()));
    }

    @Test
    void theKeyIdDoesNotMatterForHs256OnlyTheSignatureDoes() throws Exception {
        var good = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("some-unknown-kid").build(),
                JWTClaimsSet.parse(validClaims()));
        good.sign(new MACSigner(TEST_SECRET.getBytes(StandardCharsets.UTF_8)));
        var bad = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("some-unknown-kid").build(),
                JWTClaimsSet.parse(validClaims()));
        bad.sign(new MACSigner("not-the-secret-not-the-secret-not-the-secret".getBytes(StandardCharsets.UTF_8)));

        assertThat(post(ME, good.serialize()).statusCode()).isEqualTo(200);
        assertRefused(bad.serialize());
    }

    @Test
    void tokensWithoutExpiryOrSubjectOrNotYetValidAreRefused() throws Exception {
        Map<String, Object> noExp = validClaims();
        noExp.remove("exp");
        Map<String, Object> noSub = validClaims();
        noSub.remove("sub");
        Map<String, Object> notYet = validClaims();
        notYet.put("nbf", Instant.now().plusSeconds(600).getEpochSecond());
        assertRefused(hs256(noExp, TEST_SECRET));
        assertRefused(hs256(noSub, TEST_SECRET));
        assertRefused(hs256(notYet, TEST_SECRET));
    }

    /** 65 characters, non-ASCII, a space, and (with the admin API configured here) not a UUID. */
    @ParameterizedTest
    @ValueSource(strings = {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "us\u00e9r-1", "user 1",
        "user-1"})
    void aSubThatCannotBeStoredOrDeletedIsUnauthorized(String sub) throws Exception {
        long before = issueCount();
        Map<String, Object> claims = validClaims();
        claims.put("sub", sub);
        String token = hs256(claims, TEST_SECRET);
        assertRefused(token);
        assertThat(post(CREATE, token).statusCode()).isEqualTo(401);
        assertThat(issueCount()).isEqualTo(before);
    }

    @Test
    void anEmailLongerThan254CharactersIsRefusedNotTruncated() throws Exception {
        Map<String, Object> claims = validClaims();
        claims.put("email", "a".repeat(243) + "@example.com"); // 255
        assertRefused(hs256(claims, TEST_SECRET));
        claims.put("email", "a".repeat(242) + "@example.com"); // 254: fits
        HttpResponse<String> created = post(CREATE, hs256(claims, TEST_SECRET));
        assertThat(created.body()).contains("\"createIssue\":{\"id\"");
    }

    @Test
    void aNameLongerThanItsColumnIsCutOnACharacterBoundaryAndStored() {
        // 254 letters, then emoji (two UTF-16 units each): a cut at 255 units would split the first one
        String name = "n".repeat(254) + "\uD83D\uDE00".repeat(30);
        GoTrueStandIn.User user = newUser(name);
        HttpResponse<String> created = post(CREATE, gotrue.accessToken(user));
        assertThat(created.body()).contains("\"createIssue\":{\"id\"");
        String stored = jdbc.sql("SELECT assignee_name FROM issues WHERE assignee_id = ?").param(user.id())
                .query(String.class).single();
        assertThat(stored).isEqualTo("n".repeat(254) + "\uD83D\uDE00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "a.b.c", "eyJhbGciOiJIUzI1NiJ9.e30.", "Basic dXNlcjpwYXNz"})
    void garbageIsRefused(String token) {
        assertRefused(token);
    }

    @Test
    void audienceIsNotRequiredWhenNotConfiguredAndMayBeAStringOrAnArray() throws Exception {
        Map<String, Object> asString = validClaims();
        asString.put("aud", "anything");
        Map<String, Object> asArray = validClaims();
        asArray.put("aud", List.of("one", "two"));
        assertThat(post(ME, hs256(asString, TEST_SECRET)).statusCode()).isEqualTo(200);
        assertThat(post(ME, hs256(asArray, TEST_SECRET)).statusCode()).isEqualTo(200);
    }

    @Test
    void publicEndpointsNeedNoToken() {
        assertThat(get("/graphql/schema").statusCode()).isEqualTo(200);
        assertThat(get("/graphql/schema").body()).contains("type Issue").contains("deleteMyAccount");
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(get("/graphiql").statusCode()).isEqualTo(200);
        assertThat(get("/graphiql").body()).containsIgnoringCase("graphiql");
        assertThat(get("/actuator/env").statusCode()).isIn(401, 404);
    }

    static final String TEST_SECRET = io.issuegraph.testsupport.TestIdentity.JWT_SECRET;

    private void assertRefused(String token) {
        long before = issueCount();
        HttpResponse<String> response = post(CREATE, token);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
        assertThat(response.body()).contains("\"classification\":\"UNAUTHORIZED\"")
                .doesNotContain("Exception").doesNotContain("at org.");
        assertThat(issueCount()).isEqualTo(before);
    }

    static Map<String, Object> validClaims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "6d0a1f1e-3c7b-4a7e-9a51-2b9f0c1d2e3f");
        claims.put("email", "mallory@example.com");
        claims.put("exp", Instant.now().plusSeconds(3600).getEpochSecond());
        claims.put("app_metadata", Map.of("provider", "email"));
        claims.put("user_metadata", Map.of());
        return claims;
    }

    static String hs256(Map<String, Object> claims, String secret) throws Exception {
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                JWTClaimsSet.parse(claims));
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static String hs(JWSAlgorithm algorithm, Map<String, Object> claims) throws Exception {
        var jwt = new SignedJWT(new JWSHeader(algorithm), JWTClaimsSet.parse(claims));
        jwt.sign(new MACSigner((TEST_SECRET + TEST_SECRET).getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
