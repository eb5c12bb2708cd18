package io.issuegraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.testsupport.GraphQlHttp;
import io.issuegraph.testsupport.IntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Small buckets, so that each limit is reached within a test: 5 requests at once, a mutation costs 3. */
@TestPropertySource(properties = {"issuegraph.rate-limit.enabled=true", "issuegraph.rate-limit.user-burst=5",
        "issuegraph.rate-limit.user-per-second=1", "issuegraph.rate-limit.mutation-cost=3",
        "issuegraph.rate-limit.anonymous-burst=3", "issuegraph.rate-limit.anonymous-per-second=1"})
class RateLimitTest extends IntegrationTest {

    private static final String ME = GraphQlHttp.query("{ me { id } }");

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
        assertThat(post(ME, other).statusCode()).isEqualTo(200);
        assertThat(get("/graphql/schema").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health").statusCode()).isIn(200, 503);
        assertThat(refusals("user")).isPositive();
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

    @Test
    void aFloodOfBadTokensIsLimitedPerAddress() {
        List<Integer> statuses = IntStream.range(0, 6).mapToObj(i -> post(ME, "not-a-token-" + i).statusCode()).toList();

        assertThat(statuses).startsWith(401, 401, 401).contains(429);
        assertThat(refusals("address")).isPositive();
        // Until the address's bucket refills, its valid tokens wait too: the check comes before the token's.
        String valid = gotrue.accessToken(newUser("Vera Valid"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> post(ME, valid).statusCode() == 200);
    }

    /** The Prometheus counter of refusals by the given limit. */
    private double refusals(String limit) {
        HttpResponse<String> metrics = get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        Matcher count = Pattern.compile("^issuegraph_rate_limit_refusals_total\\{[^}]*limit=\"" + limit + "\"[^}]*} (\\S+)$",
                Pattern.MULTILINE).matcher(metrics.body());
        assertThat(count.find()).as("refusals by the %s limit in %s", limit, metrics.body()).isTrue();
        return Double.parseDouble(count.group(1));
    }
}
