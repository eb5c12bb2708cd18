package io.issuegraph.identity;

import static io.issuegraph.testsupport.GraphQlHttp.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.issuegraph.identity.standin.GoTrueStandIn;
import io.issuegraph.testsupport.GraphQlHttp;
import io.issuegraph.testsupport.LocalNetlifyBridge;
import io.issuegraph.testsupport.ServerTest;
import io.issuegraph.testsupport.TestIdentity;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Netlify-hosted Identity: only the Identity URL is known, so tokens are introspected with GoTrue's
 * GET /user, and accounts are deleted through the site's bridge function (the real one, served by Node).
 */
class IntrospectionVerificationTest extends ServerTest {

    private static final LocalNetlifyBridge bridge = LocalNetlifyBridge.start(gotrue.url(), TestIdentity.OPERATOR_TOKEN);
    private static final String ME = query("{ me { id email name roles } }");
    private static final String DELETE_ACCOUNT = query("mutation { deleteMyAccount { identityDeleted message } }");

    @DynamicPropertySource
    static void introspectionMode(DynamicPropertyRegistry registry) {
        registry.add("issuegraph.identity.url", () -> gotrue.url().toString());
        registry.add("issuegraph.identity.delete-bridge-url", () -> bridge.url().toString());
        registry.add("issuegraph.identity.delete-bridge-secret", () -> LocalNetlifyBridge.SECRET);
        registry.add("issuegraph.identity.introspection-concurrency", () -> "2");
    }

    @AfterAll
    void stopBridge() {
        bridge.close();
    }

    @Test
    void aValidTokenGetsInWithWhatGoTrueSaysNowAndIsAskedAboutOnce() {
        GoTrueStandIn.User user = newUser("Intro Spection");
        String token = gotrue.accessToken(user);
        gotrue.updateRoles(user.id(), List.of("editor")); // after the token was issued: only /user knows

        HttpResponse<String> first = post(ME, token);
        HttpResponse<String> second = post(ME, token);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains(user.id()).contains("Intro Spection").contains("\"roles\":[\"editor\"]");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(userLookups(token)).isEqualTo(1);
    }

    @Test
    void expiredAndBadlySignedTokensAreRefused() throws Exception {
        GoTrueStandIn.User user = newUser("Refused Ray");
        assertUnauthorized(post(ME, gotrue.accessToken(user, Duration.ofMinutes(-5))), "invalid or has expired");
        assertUnauthorized(post(ME, TokenAuthenticationTest.hs256(TokenAuthenticationTest.validClaims(),
                "some-other-secret-some-other-secret-!")), "invalid or has expired");
        assertUnauthorized(post(ME, "not-a-token"), "invalid or has expired");
    }

    @Test
    void theSameBadTokenAsksGoTrueOnceAndStringsThatAreNoJwtsOrExpiredNever() throws Exception {
        String forged = TokenAuthenticationTest.hs256(TokenAuthenticationTest.validClaims(), "some-other-secret-some-other-secret-!");
        for (int i = 0; i < 20; i++) {
            assertUnauthorized(post(ME, forged), "invalid or has expired");
        }
        assertThat(userLookups(forged)).isEqualTo(1);

        int before = gotrue.requests("GET", "/user").size();
        var random = new java.security.SecureRandom();
        for (int i = 0; i < 50; i++) {
            byte[] bytes = new byte[24];
            random.nextBytes(bytes);
            assertUnauthorized(post(ME, java.util.HexFormat.of().formatHex(bytes)), "invalid or has expired");
        }
        assertUnauthorized(post(ME, gotrue.accessToken(newUser("Late Lou"), Duration.ofMinutes(-5))), "invalid or has expired");
        assertThat(gotrue.requests("GET", "/user")).hasSize(before);
    }

    @Test
    void aSubThatCannotBeStoredIsUnauthorizedWithoutAskingGoTrue() throws Exception {
        var claims = TokenAuthenticationTest.validClaims();
        claims.put("sub", "x".repeat(65));
        String token = TokenAuthenticationTest.hs256(claims, TestIdentity.JWT_SECRET);
        assertUnauthorized(post(ME, token), "user id cannot be stored");
        assertThat(userLookups(token)).isZero();
    }

    @Test
    void whenGoTrueIsRateLimitingAValidTokenIsUnavailableNotRefused() {
        GoTrueStandIn.User user = newUser("Limited Liz");
        String token = gotrue.accessToken(user);
        gotrue.behave(GoTrueStandIn.Behaviour.RATE_LIMITED);
        assertUnavailable(post(ME, token));
        gotrue.behave(GoTrueStandIn.Behaviour.NORMAL);
        assertThat(post(ME, token).statusCode()).isEqualTo(200);
    }

    @Test
    void onlyAFewCallsToGoTrueRunAtOnceAndTheRestAreToldToComeBack() throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tokens.add(gotrue.accessToken(newUser("Many " + i)));
        }
        gotrue.slowBy(Duration.ofMillis(1500));
        gotrue.behave(GoTrueStandIn.Behaviour.SLOW);

        int unavailable = 0;
        ExecutorService clients = Executors.newFixedThreadPool(tokens.size());
        try {
            List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
            for (String token : tokens) {
                requests.add(CompletableFuture.supplyAsync(() -> post(ME, token), clients));
            }
            for (var request : requests) {
                int status = request.get().statusCode();
                assertThat(status).isIn(200, 503);
                unavailable += status == 503 ? 1 : 0;
            }
        } finally {
            clients.shutdownNow();
        }
        // Two calls at a time, each 1.5 s; a request waits at most 1 s for its turn.
        assertThat(unavailable).isPositive();
        assertThat(tokens.stream().mapToLong(IntrospectionVerificationTest::userLookups).sum()).isEqualTo(8 - unavailable);
    }

    @Test
    void theTokenOfAUserDeletedInIdentityIsRefused() {
        GoTrueStandIn.User user = newUser("Gone Gina");
        String token = gotrue.accessToken(user);
        gotrue.deleteUser(user.id());
        assertUnauthorized(post(ME, token), "account deleted");
    }

    @Test
    void whenGoTrueIsDownOrFailingTokensAreNeitherAcceptedNorRefusedButUnavailable() {
        GoTrueStandIn.User user = newUser("Down Dora");
        String token = gotrue.accessToken(user);
        gotrue.whileDown(() -> assertUnavailable(post(ME, token)));
        gotrue.behave(GoTrueStandIn.Behaviour.FAIL_500);
        assertUnavailable(post(ME, gotrue.accessToken(user, Duration.ofMinutes(30))));
        gotrue.behave(GoTrueStandIn.Behaviour.NORMAL);
        assertThat(post(ME, token).statusCode()).isEqualTo(200);
    }

    @Test
    void healthAndReadinessGoDownWithGoTrueSinceIntrospectionNeedsIt() {
        gotrue.whileDown(() -> {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(503);
                assertThat(get("/actuator/health").statusCode()).isEqualTo(503);
            });
            assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/actuator/health/readiness").statusCode() == 200);
    }

    @Test
    void concurrentRequestsWithTheSameNewTokenAskGoTrueOnce() throws Exception {
        GoTrueStandIn.User user = newUser("Crowd Carl");
        String token = gotrue.accessToken(user);
        gotrue.slowBy(Duration.ofMillis(500));
        gotrue.behave(GoTrueStandIn.Behaviour.SLOW);

        List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            requests.add(CompletableFuture.supplyAsync(() -> post(ME, token)));
        }
        for (var request : requests) {
            assertThat(request.get().statusCode()).isEqualTo(200);
        }
        assertThat(userLookups(token)).isEqualTo(1);
    }

    @Test
    void anAnswerIsNeverReusedBeyondTheTokensExpiry() {
        GoTrueStandIn.User user = newUser("Brief Bea");
        String token = gotrue.accessToken(user, Duration.ofSeconds(2));
        assertThat(post(ME, token).statusCode()).isEqualTo(200);

        await().pollDelay(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(10))
                .until(() -> post(ME, token).statusCode() == 401);
        assertThat(userLookups(token)).isGreaterThanOrEqualTo(2);
    }

    @Test
    void deleteMyAccountDeletesTheIdentityUserThroughTheBridge() {
        GoTrueStandIn.User user = newUser("Bridge Bo");
        String token = gotrue.accessToken(user);

        HttpResponse<String> response = post(query("mutation { deleteMyAccount { identityDeleted message } }"), token);

        assertThat(response.body()).contains("\"identityDeleted\":true");
        assertThat(gotrue.userExists(user.id())).isFalse();
        assertThat(gotrue.requests("DELETE", "/admin/users/" + user.id())).singleElement()
                .satisfies(delete -> assertThat(delete.header("Authorization"))
                        .isEqualTo("Bearer " + TestIdentity.OPERATOR_TOKEN));
        assertUnauthorized(post(ME, token), "account deleted");
    }

    @Test
    void theBridgeCalledDirectlyWithAUsersOwnTokenDeletesNothing() {
        GoTrueStandIn.User user = newUser("Direct Dee");
        String token = gotrue.accessToken(user);

        for (String body : List.of("", "{}", "{\"sub\":\"" + user.id() + "\"}")) {
            HttpResponse<String> response = GraphQlHttp.send(HttpRequest.newBuilder(bridge.url())
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            assertThat(response.statusCode()).as(body).isIn(400, 403);
        }

        assertThat(gotrue.userExists(user.id())).isTrue();
        assertThat(gotrue.requests("DELETE", "/admin/users/")).isEmpty();
        assertThat(post(ME, token).statusCode()).isEqualTo(200);
    }

    @Test
    void whenTheBridgeFailsTheOwnerFinishesTheDeletionByCallingAgainWithAnyOfTheirTokens() throws Exception {
        GoTrueStandIn.User user = newUser("Stuck Stu");
        String token = gotrue.accessToken(user);
        gotrue.behave(GoTrueStandIn.Behaviour.UNAUTHORIZED_ADMIN);

        HttpResponse<String> response = post(DELETE_ACCOUNT, token);

        assertThat(response.body()).contains("\"identityDeleted\":false").contains("call deleteMyAccount again");
        Thread.sleep(1500); // the retrier polls every 100 ms here: without an admin credential it has nothing to retry with
        assertThat(gotrue.requests("DELETE", "/admin/users/" + user.id())).hasSize(1);
        assertThat(gotrue.userExists(user.id())).isTrue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM issues WHERE assignee_id = ?").param(user.id()).query(Long.class)
                .single()).isZero();
        assertThat(GraphQlHttp.get(port, "/actuator/health", gotrue.accessToken(newAdmin())).body())
                .containsPattern("\"pending\":[1-9]").contains("\"oldestPendingAge\":\"PT");

        // Signed in again, the owner's new token counts for deleteMyAccount and nothing else.
        String fresh = gotrue.accessToken(user);
        for (String other : List.of(ME, query("mutation { createIssue(input: {title: \"back\"}) { id } }"),
                query("mutation { ...Sneaky } fragment Sneaky on Mutation { createIssue(input: {title: \"x\"}) { id } }"))) {
            assertThat(post(other, fresh).body()).contains("account deleted").contains("\"classification\":\"UNAUTHORIZED\"")
                    .doesNotContain(user.id());
        }
        gotrue.behave(GoTrueStandIn.Behaviour.NORMAL);
        assertThat(post(DELETE_ACCOUNT, fresh).body()).contains("\"identityDeleted\":true");
        assertThat(gotrue.userExists(user.id())).isFalse();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM issues WHERE assignee_id = ?").param(user.id()).query(Long.class)
                .single()).isZero();
        assertUnauthorized(post(ME, fresh), "account deleted");
    }

    @Test
    void aLater404FromIdentityCountsAsDone() {
        GoTrueStandIn.User user = newUser("Removed Rita");
        String later = gotrue.accessToken(user, Duration.ofMinutes(30)); // not yet seen by issuegraph
        gotrue.behave(GoTrueStandIn.Behaviour.UNAUTHORIZED_ADMIN);
        assertThat(post(DELETE_ACCOUNT, gotrue.accessToken(user)).body()).contains("\"identityDeleted\":false");
        gotrue.behave(GoTrueStandIn.Behaviour.NORMAL);
        gotrue.deleteUser(user.id()); // e.g. by the bridge, after issuegraph had stopped waiting for its answer

        assertUnauthorized(post(ME, later), "account deleted");

        assertThat(jdbc.sql("SELECT identity_deleted_at IS NOT NULL FROM account_deletions WHERE user_id = ?")
                .param(user.id()).query(Boolean.class).single()).isTrue();
    }

    private static long userLookups(String token) {
        return gotrue.requests("GET", "/user").stream()
                .filter(request -> ("Bearer " + token).equals(request.header("Authorization"))).count();
    }

    private static void assertUnauthorized(HttpResponse<String> response, String message) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"classification\":\"UNAUTHORIZED\"").contains(message);
    }

    private static void assertUnavailable(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.body()).contains("\"classification\":\"SERVICE_UNAVAILABLE\"")
                .contains("identity service is unavailable");
    }
}
