package io.issuegraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.testsupport.GraphQlHttp;
import io.issuegraph.testsupport.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** ISSUEGRAPH_IDENTITY_REQUIRED_ROLE=member: open sign-up no longer opens the issues. */
@TestPropertySource(properties = "issuegraph.identity.required-role=member")
class MembershipTest extends IntegrationTest {

    private static final String ISSUES = GraphQlHttp.query("{ issues { totalCount } }");

    @Test
    void aSignedUpUserWithoutTheRoleMaySeeWhoTheyAreButNothingElse() {
        String stranger = gotrue.accessToken(newUser("Stranger Sam"));

        assertThat(post(ISSUES, stranger).body()).contains("\"classification\":\"FORBIDDEN\"").contains("member")
                .doesNotContain("totalCount\":");
        assertThat(post(GraphQlHttp.query("{ me { name } issues { totalCount } }"), stranger).body())
                .contains("\"classification\":\"FORBIDDEN\"");
        assertThat(post(GraphQlHttp.query("{ me { name } }"), stranger).body()).contains("\"name\":\"Stranger Sam\"");
    }

    @Test
    void membersAndAdminsPass() {
        String member = gotrue.accessToken(gotrue.createUser(uniqueEmail(), "correct horse battery staple", "Mia Member",
                List.of("member")));
        String admin = gotrue.accessToken(newAdmin());

        assertThat(post(ISSUES, member).body()).contains("\"totalCount\":").doesNotContain("errors");
        assertThat(post(ISSUES, admin).body()).contains("\"totalCount\":").doesNotContain("errors");
    }
}
