package io.issuegraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.testsupport.GraphQlHttp;
import io.issuegraph.testsupport.IntegrationTest;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** /actuator/prometheus: GraphQL requests by operation name and outcome, data fetchers, the pool, the JVM. */
class GraphQlMetricsTest extends IntegrationTest {

    @Test
    void timesRequestsByOperationNameAndOutcome() {
        String token = gotrue.accessToken(newUser("Mia Metrics"));
        assertThat(post("{\"query\":\"query MetricsProbe { issues(first: 1) { totalCount } }\"}", token).statusCode())
                .isEqualTo(200);
        assertThat(post(GraphQlHttp.query("{ issues(first: 0) { totalCount } }"), token).body()).contains("BAD_REQUEST");

        String metrics = prometheus();
        assertThat(metrics)
                .containsPattern("graphql_request_seconds_count\\{[^}]*graphql_operation_name=\"MetricsProbe\","
                        + "graphql_operation_type=\"query\",graphql_outcome=\"SUCCESS\"}")
                .containsPattern("graphql_request_seconds_count\\{[^}]*graphql_operation_name=\"anonymous\","
                        + "graphql_operation_type=\"query\",graphql_outcome=\"REQUEST_ERROR\"}")
                .containsPattern("graphql_datafetcher_seconds_count\\{[^}]*graphql_field_name=\"issues\"")
                .containsPattern("graphql_datafetcher_seconds_count\\{[^}]*graphql_field_name=\"totalCount\"");
    }

    @Test
    void reportsTheConnectionPoolAndTheJvm() {
        assertThat(prometheus()).contains("hikaricp_connections_active{").contains("jvm_memory_used_bytes{")
                .contains("jvm_gc_").contains("process_cpu_usage");
    }

    @Test
    void boundsTheNumberOfOperationNames() {
        String token = gotrue.accessToken(newUser("Nico Names"));
        for (int i = 0; i <= GraphQlMetrics.MAX_OPERATION_NAMES; i++) {
            post("{\"query\":\"query Name" + i + " { me { id } }\"}", token);
        }
        String metrics = prometheus();
        assertThat(metrics).contains("graphql_operation_name=\"other\"");
        assertThat(Pattern.compile("graphql_request_seconds_count\\{[^}]*graphql_operation_name=\"([^\"]*)\"").matcher(metrics)
                .results().map(match -> match.group(1)).distinct().count())
                .isLessThanOrEqualTo(GraphQlMetrics.MAX_OPERATION_NAMES + 1);
    }

    private String prometheus() {
        HttpResponse<String> response = get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
