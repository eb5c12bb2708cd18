package io.issuegraph.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.identity.standin.GoTrueStandIn;
import io.issuegraph.testsupport.GraphQlHttp;
import io.issuegraph.testsupport.ServerTest;
import io.issuegraph.testsupport.TestIdentity;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A JWT secret and nothing else: tokens are checked, but no admin API and no bridge can delete Identity
 * users. deleteMyAccount says so instead of promising a deletion that can never happen.
 */
class ManualIdentityDeletionTest extends ServerTest {

    @DynamicPropertySource
    static void secretOnly(DynamicPropertyRegistry registry) {
        registry.add("issuegraph.identity.jwt-secret", () -> TestIdentity.JWT_SECRET);
    }

    @Test
    void deleteMyAccountAsksForAnAdministratorAndPromisesNoRetry() {
        GoTrueStandIn.User ida = newUser("Ida");
        Map<String, Object> payload = as(ida).document("mutation { deleteMyAccount { deletedIssueCount identityDeleted message } }")
                .execute().path("deleteMyAccount").entity(new ParameterizedTypeReference<Map<String, Object>>() { }).get();

        assertThat(payload).containsEntry("identityDeleted", false);
        assertThat((String) payload.get("message")).contains("ask an administrator").doesNotContain("shortly");
        assertThat(gotrue.userExists(ida.id())).isTrue();
        assertThat(GraphQlHttp.get(port, "/actuator/health", gotrue.accessToken(newAdmin())).body())
                .contains("\"identityUsersDeletable\":false");
    }
}
