package io.issuegraph.account;

import static io.issuegraph.testsupport.GraphQlHttp.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.identity.standin.GoTrueStandIn;
import io.issuegraph.testsupport.IntegrationTest;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A deleted account's tokens are refused until deletion + token lifetime + clock skew: the verifier
 * accepts a token for the skew beyond its {@code exp}, so revocation must last as long. Short settings
 * here so that the whole window can be watched.
 */
class RevocationSkewTest extends IntegrationTest {

    private static final Duration LIFETIME = Duration.ofSeconds(2);
    private static final Duration SKEW = Duration.ofSeconds(5);

    @DynamicPropertySource
    static void shortLivedTokens(DynamicPropertyRegistry registry) {
        registry.add("issuegraph.identity.token-lifetime", () -> LIFETIME.toSeconds() + "s");
        registry.add("issuegraph.identity.clock-skew", () -> SKEW.toSeconds() + "s");
    }

    @Test
    void aTokenMintedJustBeforeTheDeletionIsRefusedUntilItExpiresBeyondTheSkew() throws Exception {
        GoTrueStandIn.User user = newUser("Last Minute");
        String token = gotrue.accessToken(user, LIFETIME);
        assertThat(post(query("mutation { deleteMyAccount { identityDeleted } }"), token).body())
                .contains("\"identityDeleted\":true");

        var record = jdbc.sql("SELECT identity_deleted_at, revoke_tokens_until FROM account_deletions WHERE user_id = ?")
                .param(user.id()).query((row, n) -> new LocalDateTime[] {row.getObject(1, LocalDateTime.class),
                        row.getObject(2, LocalDateTime.class)}).single();
        assertThat(Duration.between(record[0], record[1])).isEqualTo(LIFETIME.plus(SKEW));

        // Through the whole life of the token, skew included, and a little beyond: never accepted again.
        long end = System.nanoTime() + LIFETIME.plus(SKEW).plusSeconds(1).toNanos();
        while (System.nanoTime() < end) {
            assertThat(post(query("{ me { id } }"), token).statusCode()).isEqualTo(401);
            Thread.sleep(200);
        }
    }
}
