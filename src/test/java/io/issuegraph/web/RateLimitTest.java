package io.issuegraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.identity.standin.GoTrueStandIn;
import io.issuegraph.testsupport.GraphQlHttp;
import io.issuegraph.testsupport.IntegrationTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Small buckets, so that each limit is reached within a test: 5 requests at once, a mutation costs 3,
 * 3 unverified tokens per address. Forwarded headers are read the recommended way (native, with the
 * proxies named), and this test's client is not one of them. Every request comes from one address, and a
 * new user's first token is checked within its bucket: each test starts once that bucket is full.
 */
@TestPropertySource(properties = {"issuegraph.rate-limit.enabled=true", "issuegraph.rate-limit.user-burst=5",
        "issuegraph.rate-limit.user-per-second=1", "issuegraph.rate-limit.mutation-cost=3",
        "issuegraph.rate-limit.anonymous-burst=3", "issuegraph.rate-limit.anonymous-per-second=1",
        "server.forward-headers-strategy=native", "server.tomcat.remoteip.internal-proxies=10\\.9\\.8\\.7"})
class RateLimitTest extends IntegrationTest {

    private static final String ME = GraphQlHttp.query("{ me { id } }");

    private double addressRefusalsBefore;

    @BeforeEach
    void countAddressRefusals() {
        addressRefusalsBefore = refusals("address");
    }

    /** A test that emptied the address's bucket (3, refilled at 1 a second) leaves it full again. */
    @AfterEach
    void refillTheAddressBucket() throws InterruptedException {
        if (refusals("address") > addressRefusalsBefore) {
            Thread.sleep(3_100);
        }
    }

    @Test
    void aUserOverTheLimitGets429WithRetryAfterAndOthersAreUnaffected() {
        String greedy = gotrue.accessToken(newUser("Greedy Gus"));
        String other = gotrue.accessToken(newUser("Patient Pat"));

        List<Integer> statuses = IntStream.range(0, 8).mapToObj(i -> post(ME, greedy).statusCode()).toList();
        HttpResponse<String> refused = post(ME, greedy);

        assertThat(statuses).startsWith(200, 200, 200, 200).contains(429);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After").orElseThrow()).matches("[1-9][0-9]*");
        assertThat(refused.body()).contains("\"classification\":\"TOO_MANY_REQUESTS\"");
        assertThat(refused.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(post(ME, other).statusCode()).isEqualTo(200);
        assertThat(get("/graphql/schema").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health").statusCode()).isIn(200, 503);
        assertThat(refusals("user")).isPositive();
    }

    /** The export costs a request per page of 100 it replaces: 250 issues take 3 of the 5, so a second one waits. */
    @Test
    void theExportCostsThePagesItReplaces() {
        var owner = newUser("Ed Exporter");
        String values = IntStream.range(0, 250).mapToObj(n -> "('export " + n + "', '" + owner.id()
                + "', 'Ed', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))").collect(java.util.stream.Collectors.joining(", "));
        jdbc.sql("INSERT INTO issues (title, assignee_id, assignee_name, created_at, updated_at) VALUES " + values).update();
        String token = gotrue.accessToken(owner);

        HttpResponse<String> first = GraphQlHttp.get(port, "/me/export", token);
        HttpResponse<String> second = GraphQlHttp.get(port, "/me/export", token);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.headers().firstValue("Retry-After").orElseThrow()).matches("[1-9][0-9]*");
        assertThat(second.headers().firstValue("Content-Disposition")).isEmpty();
        assertThat(second.body()).contains("\"classification\":\"TOO_MANY_REQUESTS\"").doesNotContain("export 1");
    }

    @Test
    void aMutationCostsMoreAndOverTheLimitRunsNothing() {
        String reader = gotrue.accessToken(newUser("Rita Reader"));
        String writer = gotrue.accessToken(newUser("Willa Writer"));
        String create = GraphQlHttp.query("mutation { createIssue(input: {title: \"rate\"}) { id } }");
        long before = issueCount();

        List<Integer> queries = IntStream.range(0, 4).mapToObj(i -> post(ME, reader).statusCode()).toList();
        List<HttpResponse<String>> mutations = IntStream.range(0, 4).mapToObj(i -> post(create, writer)).toList();

        assertThat(queries).containsOnly(200);
        assertThat(mutations.get(0).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = mutations.stream().filter(answer -> answer.statusCode() == 429).findFirst()
                .orElseThrow();
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("\"classification\":\"TOO_MANY_REQUESTS\"").doesNotContain("\"data\":{");
        assertThat(issueCount()).isEqualTo(before + mutations.stream().filter(answer -> answer.statusCode() == 200).count());
        assertThat(refusals("mutation")).isPositive();
    }

    /** However the path is spelled, what reaches GraphQL is charged. */
    @Test
    void noSpellingOfThePathWalksAroundTheUserLimit() {
        for (String path : List.of("/graph%71l", "/%67raphql", "/graphql/", "//graphql", "/graphql")) {
            String token = gotrue.accessToken(newUser("Sly Speller"));
            List<HttpResponse<String>> answers = IntStream.range(0, 10).mapToObj(i -> GraphQlHttp.send(
                    GraphQlHttp.request(port, path).header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(ME)).build()))
                    .toList();
            long served = answers.stream().filter(answer -> answer.body().contains("\"me\":{")).count();
            assertThat(served).as("%s: %s", path, answers.get(answers.size() - 1).body()).isLessThanOrEqualTo(6);
        }
    }

    /**
     * Over the address's limit, with tokens verified here (HS256): a token accepted before goes on, and a new
     * one whose signature checks within the address's local checks (docs/api.md#rate-limits).
     */
    @Test
    void aFloodOfBadTokensDoesNotHoldUpGoodOnesFromTheSameAddress() {
        GoTrueStandIn.User vera = newUser("Vera Valid");
        String verasToken = gotrue.accessToken(vera);
        assertThat(post(ME, verasToken).statusCode()).isEqualTo(200);
        String newcomer = gotrue.accessToken(newUser("Nell Newcomer"));

        List<Integer> statuses = IntStream.range(0, 6).mapToObj(i -> post(ME, "not-a-token-" + i).statusCode()).toList();

        // other tests of this class share the address's bucket: at most its 3 are answered 401
        assertThat(statuses).containsOnly(401, 429).contains(429);
        assertThat(post(ME, "not-a-token-either").statusCode()).isEqualTo(429);
        assertThat(post(ME, verasToken).statusCode()).as("accepted before").isEqualTo(200);
        assertThat(post(ME, gotrue.accessToken(vera, Duration.ofMinutes(59))).statusCode()).as("a new token of a user seen")
                .isEqualTo(200);
        assertThat(post(ME, newcomer).statusCode()).as("a user not seen here: its signature checks").isEqualTo(200);
        assertThat(refusals("address")).isPositive();
    }

    @Test
    void theAddressLimitCoversEveryPathThatCarriesABearerToken() {
        List<Integer> statuses = IntStream.range(0, 8).mapToObj(i -> GraphQlHttp.get(port, "/actuator/health",
                "made-up-" + UUID.randomUUID()).statusCode()).toList();

        assertThat(statuses).contains(429);
    }

    @Test
    void aForgedForwardedForFromAnUntrustedPeerGetsNoBucketOfItsOwn() {
        IntStream.range(0, 6).forEach(i -> post(ME, "spent-" + i));

        List<Integer> forged = IntStream.range(0, 5).mapToObj(i -> GraphQlHttp.send(GraphQlHttp.request(port, "/graphql")
                .header("Content-Type", "application/json").header("Authorization", "Bearer forged-" + i)
                .header("X-Forwarded-For", "203.0.113." + (i + 1)).POST(HttpRequest.BodyPublishers.ofString(ME)).build())
                .statusCode()).toList();

        assertThat(forged).containsOnly(429);
    }

    /** The Prometheus counter of refusals by the given limit. */
    private double refusals(String limit) {
        String metrics = metrics();
        Matcher count = Pattern.compile("^issuegraph_rate_limit_refusals_total\\{[^}]*limit=\"" + limit + "\"[^}]*} (\\S+)$",
                Pattern.MULTILINE).matcher(metrics);
        assertThat(count.find()).as("refusals by the %s limit in %s", limit, metrics).isTrue();
        return Double.parseDouble(count.group(1));
    }
}
