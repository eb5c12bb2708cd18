package io.issuegraph.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.issuegraph.testsupport.GraphQlHttp;
import io.issuegraph.testsupport.IntegrationTest;
import io.issuegraph.testsupport.TestIdentity;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * /actuator/health in HS256 mode: a status for everybody, details for admins, liveness and readiness
 * groups, and GoTrue asked in the background, not per probe.
 */
class HealthTest extends IntegrationTest {

    @Test
    void anybodyGetsTheStatusOnly() {
        for (String token : new String[] {null, gotrue.accessToken(newUser("Nosy Nick"))}) {
            HttpResponse<String> health = GraphQlHttp.get(port, "/actuator/health", token);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components")
                    .doesNotContain("details").doesNotContain("HS256").doesNotContain("db").doesNotContain("pending");
        }
    }

    @Test
    void anAdminGetsTheDatabaseTheIdentityServiceAndPendingDeletions() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(asAdmin("/actuator/health").body())
                .contains("\"status\":\"UP\"").contains("\"db\"").contains("\"identity\"")
                .contains("\"mode\":\"HS256_SECRET\"").contains("\"gotrue\":\"reachable\"")
                .contains("\"accountDeletions\"").contains("\"pending\":").contains("\"adminApiConfigured\":true"));
    }

    @Test
    void livenessAndReadinessGroups() {
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(asAdmin("/actuator/health/liveness").body()).contains("livenessState").doesNotContain("\"db\"")
                .doesNotContain("\"identity\"");
        assertThat(asAdmin("/actuator/health/readiness").body()).contains("readinessState").contains("\"db\"")
                .contains("\"identity\"").doesNotContain("accountDeletions");
    }

    @Test
    void staysUpWhenTheIdentityServiceIsUnreachableSinceHs256DoesNotNeedIt() {
        gotrue.whileDown(() -> await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> health = asAdmin("/actuator/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).endsWith("\"status\":\"UP\"}").contains("\"gotrue\":\"unreachable")
                    .doesNotContain(TestIdentity.JWT_SECRET);
            assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        }));
    }

    @Test
    void probesDoNotEachCallGoTrue() {
        long start = System.nanoTime();
        for (int i = 0; i < 30; i++) {
            assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
            assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        }
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        // The cache lives 1 s here: at most one refresh per second, whatever the number of probes.
        assertThat(gotrue.requests("GET", "/health")).hasSizeLessThanOrEqualTo((int) seconds + 2);
    }

    private HttpResponse<String> asAdmin(String path) {
        return GraphQlHttp.get(port, path, gotrue.accessToken(newAdmin()));
    }
}
