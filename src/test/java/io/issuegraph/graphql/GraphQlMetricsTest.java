package io.issuegraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.testsupport.GraphQlHttp;
import io.issuegraph.testsupport.IntegrationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** /actuator/prometheus: GraphQL requests by operation name and outcome, HTTP requests, the pool, the JVM. */
class GraphQlMetricsTest extends IntegrationTest {

    @Test
    void timesRequestsByOperationNameAndOutcome() {
        String token = gotrue.accessToken(newUser("Mia Metrics"));
        assertThat(post("{\"query\":\"query MetricsProbe { issues(first: 1) { totalCount } }\"}", token).statusCode())
                .isEqualTo(200);
        assertThat(post(GraphQlHttp.query("{ issues(first: 0) { totalCount } }"), token).body()).contains("BAD_REQUEST");

        String metrics = metrics();
        assertThat(metrics)
                .containsPattern("graphql_request_seconds_count\\{[^}]*graphql_operation_name=\"issues\","
                        + "graphql_operation_type=\"query\",graphql_outcome=\"SUCCESS\"}")
                .containsPattern("graphql_request_seconds_count\\{[^}]*graphql_operation_name=\"issues\","
                        + "graphql_operation_type=\"query\",graphql_outcome=\"REQUEST_ERROR\"}")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"200\",uri=\"/graphql\"")
                // one observation per resolver cost more than the resolvers (GraphQlMetrics)
                .doesNotContain("graphql_datafetcher");
    }

    @Test
    void reportsTheConnectionPoolAndTheJvm() {
        // both pools, by name (docs/architecture.md#transactions)
        assertThat(metrics()).containsPattern("hikaricp_connections_active\\{[^}]*pool=\"main\"")
                .containsPattern("hikaricp_connections_active\\{[^}]*pool=\"transactions\"").contains("jvm_memory_used_bytes{")
                .contains("jvm_gc_").contains("process_cpu_usage");
    }

    @Test
    void operationsAreNamedByTheSchemaFieldsTheyStartFromNeverByNamesClientsChoose() {
        String token = gotrue.accessToken(newUser("Nico Names"));
        for (int i = 0; i < 20; i++) {
            assertThat(post("{\"query\":\"query Chosen" + i + " { me { id } }\"}", token).statusCode()).isEqualTo(200);
        }
        assertThat(post(GraphQlHttp.query("{ me { id } issues(first: 1) { totalCount } }"), token).statusCode()).isEqualTo(200);

        String metrics = metrics();
        assertThat(metrics).doesNotContain("Chosen")
                .containsPattern("graphql_request_seconds_count\\{[^}]*graphql_operation_name=\"me\"")
                .containsPattern("graphql_request_seconds_count\\{[^}]*graphql_operation_name=\"issues,me\"");
    }

    @Test
    void metricsNeedTheScrapeCredential() {
        HttpResponse<String> anonymous = get("/actuator/prometheus");
        String userToken = gotrue.accessToken(newAdmin());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Basic");
        assertThat(anonymous.body()).contains("\"classification\":\"UNAUTHORIZED\"").doesNotContain("jvm_");
        assertThat(GraphQlHttp.get(port, "/actuator/prometheus", userToken).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/health").statusCode()).isIn(200, 503);
    }
}
