package io.issuegraph.identity;

import static io.issuegraph.testsupport.GraphQlHttp.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.identity.standin.GoTrueStandIn;
import io.issuegraph.testsupport.ServerTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The per-address limit where a fresh token is never known good until GoTrue has been asked
 * (introspection, Netlify-hosted Identity): one address floods forged tokens, and the users behind it
 * (docs/api.md#rate-limits). Each test floods from scratch: the address's bucket is 3, refilled at 1 a
 * second, and the tests wait for it to refill first.
 */
// settings of its own: its server closes with it, not with the JVM (docs/testing.md#layers)
@DirtiesContext
class IntrospectionAddressLimitTest extends ServerTest {

    private static final String ME = query("{ me { id } }");

    @DynamicPropertySource
    static void introspectionWithSmallAddressLimits(DynamicPropertyRegistry registry) {
        registry.add("issuegraph.identity.url", () -> gotrue.url().toString());
        registry.add("issuegraph.rate-limit.enabled", () -> "true");
        registry.add("issuegraph.rate-limit.anonymous-burst", () -> "3");
        registry.add("issuegraph.rate-limit.anonymous-per-second", () -> "1");
    }

    @Test
    void aFloodOfForgedTokensAsksGoTrueAFewTimesAndAUserSeenBeforeStillSignsInWithANewToken() throws Exception {
        refilled();
        GoTrueStandIn.User rita = newUser("Returning Rita");
        assertThat(post(ME, gotrue.accessToken(rita)).statusCode()).isEqualTo(200); // yesterday, say
        GoTrueStandIn.User nora = newUser("Newcomer Nora");
        int lookupsBefore = lookups();

        List<Integer> flood = IntStream.range(0, 30).mapToObj(i -> post(ME, forged(UUID.randomUUID().toString())).statusCode())
                .toList();
        String ritasNewToken = gotrue.accessToken(rita, Duration.ofMinutes(59));

        assertThat(flood).containsOnly(401, 429).contains(429);
        assertThat(lookups() - lookupsBefore).as("GoTrue asked about the flood").isLessThanOrEqualTo(4);
        assertThat(post(ME, ritasNewToken).statusCode()).as("a user seen before, with a new token").isEqualTo(200);
        assertThat(post(ME, ritasNewToken).statusCode()).as("and again: now it is remembered").isEqualTo(200);
        assertThat(post(ME, gotrue.accessToken(nora)).statusCode()).as("a user never seen here waits").isEqualTo(429);
    }

    /** Someone who knows a user's id can spend that user's lane: 2 checks, then 429; never more lookups. */
    @Test
    void forgedTokensThatClaimAKnownUserSpendOnlyThatUsersLane() throws Exception {
        refilled();
        GoTrueStandIn.User victim = newUser("Known Kim");
        assertThat(post(ME, gotrue.accessToken(victim)).statusCode()).isEqualTo(200);
        IntStream.range(0, 5).forEach(i -> post(ME, forged(UUID.randomUUID().toString()))); // the address is spent
        int lookupsBefore = lookups();

        List<Integer> claimingKim = IntStream.range(0, 10).mapToObj(i -> post(ME, forged(victim.id())).statusCode()).toList();

        assertThat(claimingKim.subList(0, 2)).containsOnly(401);
        assertThat(claimingKim.subList(2, 10)).containsOnly(429);
        assertThat(lookups() - lookupsBefore).isEqualTo(2);
    }

    /** A JWT GoTrue did not sign, claiming the given user. */
    private static String forged(String userId) {
        Map<String, Object> claims = TokenAuthenticationTest.validClaims();
        claims.put("sub", userId);
        claims.put("jti", UUID.randomUUID().toString());
        try {
            return TokenAuthenticationTest.hs256(claims, "not-gotrue's-secret-not-gotrue's-secret");
        } catch (Exception unexpected) {
            throw new IllegalStateException(unexpected);
        }
    }

    private static int lookups() {
        return gotrue.requests("GET", "/user").size();
    }

    /** Waits until the address's bucket of 3 is full again (it refills at 1 a second). */
    private static void refilled() throws InterruptedException {
        Thread.sleep(3_100);
    }
}
