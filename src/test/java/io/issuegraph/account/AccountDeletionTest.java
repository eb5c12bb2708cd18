package io.issuegraph.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jwt.SignedJWT;
import io.issuegraph.identity.standin.GoTrueStandIn;
import io.issuegraph.testsupport.CapturedLog;
import io.issuegraph.testsupport.GraphQlHttp;
import io.issuegraph.testsupport.IntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** deleteMyAccount against the real database and the GoTrue stand-in, whatever GoTrue does. */
class AccountDeletionTest extends IntegrationTest {

    // language=GraphQL
    private static final String DELETE_ACCOUNT = "mutation { deleteMyAccount { deletedIssueCount identityDeleted message } }";
    private static final Duration RECOVERY = Duration.ofSeconds(15);

    @Test
    void deletesTheCallersIssuesThenTheirIdentityUser() throws Exception {
        GoTrueStandIn.User alice = newUser("Alice");
        GoTrueStandIn.User bob = newUser("Bob");
        createIssues(alice, 3);
        createIssues(bob, 2);

        var payload = deleteAccount(as(alice));

        assertThat(payload).containsEntry("deletedIssueCount", 3).containsEntry("identityDeleted", true);
        assertThat(issuesOf(alice)).isZero();
        assertThat(issuesOf(bob)).isEqualTo(2);
        assertThat(gotrue.userExists(alice.id())).isFalse();
        assertThat(gotrue.userExists(bob.id())).isTrue();
        List<GoTrueStandIn.RecordedRequest> deletes = gotrue.requests("DELETE", "/admin/users/");
        assertThat(deletes).hasSize(1);
        assertThat(deletes.get(0).path()).isEqualTo("/admin/users/" + alice.id());
        assertThat(deletes.get(0).body()).isEmpty();
        String adminToken = deletes.get(0).header("Authorization").substring("Bearer ".length());
        assertThat(SignedJWT.parse(adminToken).getJWTClaimsSet().getSubject())
                .isEqualTo("00000000-0000-0000-0000-000000000000");
        assertThat(identityDeleted(alice)).isTrue();
    }

    @Test
    void anIdentityUserThatIsAlreadyGoneCountsAsDeleted() {
        GoTrueStandIn.User carol = newUser("Carol");
        String token = gotrue.accessToken(carol);
        gotrue.deleteUser(carol.id());

        assertThat(deleteAccount(withToken(token))).containsEntry("identityDeleted", true);
        assertThat(gotrue.requests("DELETE", "/admin/users/")).hasSize(1);
        assertThat(identityDeleted(carol)).isTrue();
    }

    @Test
    void whenGoTrueFailsTheIssuesGoAtOnceAndTheIdentityUserLater() {
        GoTrueStandIn.User dan = newUser("Dan");
        createIssues(dan, 2);
        gotrue.behave(GoTrueStandIn.Behaviour.FAIL_500);

        var payload = deleteAccount(as(dan));

        assertThat(payload).containsEntry("deletedIssueCount", 2).containsEntry("identityDeleted", false);
        assertThat((String) payload.get("message")).contains("will be deleted shortly");
        assertThat(issuesOf(dan)).isZero();
        assertThat(gotrue.userExists(dan.id())).isTrue();
        gotrue.behave(GoTrueStandIn.Behaviour.NORMAL);
        await().atMost(RECOVERY).until(() -> !gotrue.userExists(dan.id()));
        await().atMost(RECOVERY).until(() -> identityDeleted(dan));
    }

    @Test
    void whenGoTrueIsDownTheIdentityUserIsDeletedOnceItIsBack() {
        GoTrueStandIn.User erin = newUser("Erin");
        String token = gotrue.accessToken(erin);
        gotrue.whileDown(() -> assertThat(deleteAccount(withToken(token))).containsEntry("identityDeleted", false));
        await().atMost(RECOVERY).until(() -> !gotrue.userExists(erin.id()));
        await().atMost(RECOVERY).until(() -> identityDeleted(erin));
    }

    @Test
    void whenGoTrueIsSlowTheMutationReturnsWithinItsTimeout() {
        GoTrueStandIn.User fay = newUser("Fay");
        gotrue.slowBy(Duration.ofSeconds(8));
        gotrue.behave(GoTrueStandIn.Behaviour.SLOW);

        long start = System.nanoTime();
        var payload = deleteAccount(as(fay));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(payload).containsEntry("identityDeleted", false);
        assertThat(took).isLessThan(Duration.ofSeconds(5)); // read timeout here: 2 s
        gotrue.behave(GoTrueStandIn.Behaviour.NORMAL);
        await().atMost(RECOVERY).until(() -> identityDeleted(fay));
        assertThat(gotrue.userExists(fay.id())).isFalse();
    }

    @Test
    void aRefusedAdminCredentialIsReportedAndRetriedSlowlyUntilFixed() {
        GoTrueStandIn.User gus = newUser("Gus");
        gotrue.behave(GoTrueStandIn.Behaviour.UNAUTHORIZED_ADMIN);

        try (var log = CapturedLog.of(IdentityUserDeleter.class)) {
            assertThat(deleteAccount(as(gus))).containsEntry("identityDeleted", false);
            await().atMost(RECOVERY).until(() -> attempts(gus) >= 2);
            assertThat(log.errors()).hasSizeGreaterThanOrEqualTo(2).allSatisfy(error -> assertThat(error)
                    .contains("the admin credential is wrong or missing").doesNotContain("Bearer"));
        }
        String health = GraphQlHttp.get(port, "/actuator/health", gotrue.accessToken(newAdmin())).body();
        assertThat(health).contains("\"accountDeletions\"").contains("401").contains("User not allowed")
                .doesNotContain("Bearer").doesNotContain(io.issuegraph.testsupport.TestIdentity.JWT_SECRET);
        assertThat(health).containsPattern("\"pending\":[1-9]");
        assertThat(gotrue.userExists(gus.id())).isTrue();

        gotrue.behave(GoTrueStandIn.Behaviour.NORMAL);
        await().atMost(RECOVERY).until(() -> identityDeleted(gus));
        assertThat(gotrue.userExists(gus.id())).isFalse();
    }

    @Test
    void theTokenOfADeletedAccountIsRefusedAndCreatesNothing() {
        GoTrueStandIn.User hal = newUser("Hal");
        String token = gotrue.accessToken(hal);
        HttpGraphQlTester halTester = withToken(token);
        deleteAccount(halTester);

        var response = post("{\"query\":\"mutation { createIssue(input: {title: \\\"zombie\\\"}) { id } }\"}", token);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("account deleted").contains("\"classification\":\"UNAUTHORIZED\"");
        assertThat(post("{\"query\":\"{ me { id } }\"}", token).statusCode()).isEqualTo(401);
        assertThat(issuesOf(hal)).isZero();
    }

    @Test
    void theTokenOfAnAccountWhoseDeletionIsPendingCountsForDeleteMyAccountOnly() {
        GoTrueStandIn.User ida = newUser("Ida");
        String token = gotrue.accessToken(ida);
        gotrue.behave(GoTrueStandIn.Behaviour.FAIL_500);
        deleteAccount(withToken(token));

        for (String tokenOfIda : List.of(token, gotrue.accessToken(ida))) {
            for (String other : List.of("{ me { id } }", "mutation { createIssue(input: {title: \\\"back\\\"}) { id } }",
                    "mutation { ...Sneaky } fragment Sneaky on Mutation { createIssue(input: {title: \\\"x\\\"}) { id } }")) {
                var response = post("{\"query\":\"" + other + "\"}", tokenOfIda);
                assertThat(response.body()).contains("account deleted").contains("\"classification\":\"UNAUTHORIZED\"")
                        .doesNotContain(ida.id());
            }
        }
        assertThat(issuesOf(ida)).isZero();
        assertThat(deleteAccount(withToken(gotrue.accessToken(ida)))).containsEntry("deletedIssueCount", 0)
                .containsEntry("identityDeleted", false);
    }

    @Test
    void noIssueSurvivesACreateIssueRacingTheDeletion() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                GoTrueStandIn.User racer = newUser("Racer " + round);
                HttpGraphQlTester tester = as(racer);
                String token = gotrue.accessToken(racer);
                // plain HTTP: the tester would fail (and log at ERROR) on the late creates' expected 401
                List<CompletableFuture<HttpResponse<String>>> creates = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    creates.add(CompletableFuture.supplyAsync(() -> post(
                            "{\"query\":\"mutation { createIssue(input: {title: \\\"race\\\"}) { id } }\"}", token), pool));
                }
                var deletion = CompletableFuture.supplyAsync(() -> deleteAccount(tester), pool);
                for (var create : creates) {
                    HttpResponse<String> response = create.get();
                    if (response.statusCode() != 200) { // the late ones, once the deletion is recorded
                        assertThat(response.statusCode()).isEqualTo(401);
                        assertThat(response.body()).contains("account deleted");
                    }
                }
                assertThat(deletion.get()).containsKey("deletedIssueCount");
                assertThat(issuesOf(racer)).as("issues left for a deleted account").isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void callingItTwiceIsHarmless() throws Exception {
        GoTrueStandIn.User jo = newUser("Jo");
        createIssues(jo, 4);
        String token = gotrue.accessToken(jo);
        String mutation = "{\"query\":\"mutation { deleteMyAccount { deletedIssueCount identityDeleted } }\"}";

        var first = CompletableFuture.supplyAsync(() -> post(mutation, token));
        var second = CompletableFuture.supplyAsync(() -> post(mutation, token));

        // Whichever comes second either joins the first (nothing left to delete) or, once the deletion is
        // recorded, is refused as the token of a deleted account. Never anything else.
        int deleted = 0;
        for (var response : List.of(first.get(), second.get())) {
            if (response.statusCode() == 200) {
                assertThat(response.body()).doesNotContain("errors");
                deleted += Integer.parseInt(response.body().replaceAll(".*\"deletedIssueCount\":(\\d+).*", "$1"));
            } else {
                assertThat(response.statusCode()).isEqualTo(401);
                assertThat(response.body()).contains("account deleted");
            }
        }
        assertThat(deleted).isEqualTo(4);
        await().atMost(RECOVERY).until(() -> identityDeleted(jo));
        assertThat(gotrue.requests("DELETE", "/admin/users/" + jo.id())).hasSize(1);
        assertThat(post(mutation, token).statusCode()).isEqualTo(401);
    }

    @Test
    void withoutATokenThereIsNothingToDelete() {
        var response = post("{\"query\":\"mutation { deleteMyAccount { identityDeleted } }\"}", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(gotrue.requests("DELETE", "/admin/users/")).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deleteAccount(HttpGraphQlTester tester) {
        return tester.document(DELETE_ACCOUNT).execute().path("deleteMyAccount").entity(Map.class).get();
    }

    private void createIssues(GoTrueStandIn.User user, int count) {
        HttpGraphQlTester tester = as(user);
        for (int i = 0; i < count; i++) {
            tester.document("mutation { createIssue(input: {title: \"mine\"}) { id } }").execute()
                    .path("createIssue.id").hasValue();
        }
    }

    private long issuesOf(GoTrueStandIn.User user) {
        return jdbc.sql("SELECT COUNT(*) FROM issues WHERE assignee_id = ?").param(user.id()).query(Long.class).single();
    }

    /** Whether the deletion record says the Identity user is gone. */
    private boolean identityDeleted(GoTrueStandIn.User user) {
        return jdbc.sql("SELECT identity_deleted_at IS NOT NULL FROM account_deletions WHERE user_id = ?").param(user.id())
                .query(Boolean.class).single();
    }

    private int attempts(GoTrueStandIn.User user) {
        return jdbc.sql("SELECT attempts FROM account_deletions WHERE user_id = ?").param(user.id())
                .query(Integer.class).single();
    }
}
