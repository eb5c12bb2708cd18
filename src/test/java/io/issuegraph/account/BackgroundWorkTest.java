package io.issuegraph.account;

import static io.issuegraph.testsupport.GraphQlHttp.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.issuegraph.identity.standin.GoTrueStandIn;
import io.issuegraph.testsupport.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Background jobs each have a thread of their own: a retrier stuck on a hanging GoTrue delays no other. */
class BackgroundWorkTest extends IntegrationTest {

    private static final String ME = query("{ me { id } }");

    @Test
    void aDeletionMadeOnAnotherInstanceIsHonouredWhileRetriesHangOnGoTrue() {
        GoTrueStandIn.User user = newUser("Elsewhere Ella");
        String token = gotrue.accessToken(user);
        assertThat(post(ME, token).statusCode()).isEqualTo(200);
        List<String> stuck = new ArrayList<>();
        try {
            gotrue.slowBy(Duration.ofSeconds(30));
            gotrue.behave(GoTrueStandIn.Behaviour.SLOW);
            // Ten due retries, each waiting out the 2 s read timeout here: the retrier is busy for 20 s.
            for (int i = 0; i < 10; i++) {
                stuck.add(UUID.randomUUID().toString());
                recordDeletion(stuck.get(i), "2000-01-01 00:00:00");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> !gotrue.requests("DELETE", "/admin/users/").isEmpty());

            recordDeletion(user.id(), null); // as another instance's deleteMyAccount would

            // Its Identity user not yet deleted, the account counts as closing: refused for all but deleteMyAccount.
            await().atMost(Duration.ofSeconds(4)).until(() -> post(ME, token).body().contains("account deleted"));
        } finally {
            gotrue.behave(GoTrueStandIn.Behaviour.NORMAL);
            stuck.add(user.id());
            stuck.forEach(id -> jdbc.sql("DELETE FROM account_deletions WHERE user_id = ?").param(id).update());
        }
    }

    private void recordDeletion(String userId, String nextAttempt) {
        jdbc.sql("INSERT INTO account_deletions (user_id, requested_at, next_attempt_at) VALUES (?, UTC_TIMESTAMP(3), ?)")
                .param(userId).param(nextAttempt).update();
    }
}
