package io.issuegraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.testsupport.IntegrationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** /actuator/health: the database, the identity service, pending account deletions; no token needed. */
class HealthTest extends IntegrationTest {

    @Test
    void reportsTheDatabaseTheIdentityServiceAndPendingDeletions() {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"db\"")
                .contains("\"identity\"").contains("\"mode\":\"HS256_SECRET\"").contains("\"gotrue\":\"reachable\"")
                .contains("\"accountDeletions\"").contains("\"pending\":").contains("\"adminApiConfigured\":true");
    }

    @Test
    void isDownWhenTheIdentityServiceIsUnreachable() {
        gotrue.whileDown(() -> {
            HttpResponse<String> health = get("/actuator/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("\"identity\":{").contains("unreachable")
                    .doesNotContain(io.issuegraph.testsupport.TestIdentity.JWT_SECRET);
        });
    }
}
