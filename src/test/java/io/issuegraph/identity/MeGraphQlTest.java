package io.issuegraph.identity;

import static io.issuegraph.testsupport.GraphQlErrors.expectError;

import io.issuegraph.testsupport.GraphQlSliceTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.WebGraphQlTester;

/**
 * {@code me} in-process (a GraphQL slice): every caller is shown themselves, a member or not, except the
 * token of an account being closed, which may only finish the closing (docs/api.md#who-may-do-what). That
 * the same holds on every transport, {@code web.AuthorizationMatrixTest} shows.
 */
@GraphQlSliceTest(controllers = MeController.class, properties = "issuegraph.identity.required-role=member")
class MeGraphQlTest {

    // language=GraphQL
    private static final String ME = "{ me { id email name roles } }";

    @Autowired
    WebGraphQlTester graphQl;

    @Test
    @WithCaller("mia")
    void aMemberIsShownThemselves() {
        graphQl.document(ME).execute().errors().verify()
                .path("me.id").entity(String.class).isEqualTo("mia")
                .path("me.email").entity(String.class).isEqualTo("mia@example.com");
    }

    @Test
    @WithCaller(value = "nina", member = false)
    void aNonMemberToo() {
        graphQl.document(ME).execute().errors().verify().path("me.id").entity(String.class).isEqualTo("nina");
    }

    @Test
    @WithCaller(value = "ada", roles = "admin", member = false)
    void anAdminWithTheirRoles() {
        graphQl.document(ME).execute().errors().verify()
                .path("me.roles").entityList(String.class).isEqualTo(List.of("admin"));
    }

    @Test
    @WithCaller(value = "cleo", closing = true)
    void aClosingAccountIsToldItIsDeleted() {
        expectError(graphQl.document(ME), ErrorType.UNAUTHORIZED, ClosedAccounts.ACCOUNT_DELETED);
    }

    @Test
    void nobodyIsAskedToSignIn() {
        expectError(graphQl.document(ME), ErrorType.UNAUTHORIZED, IdentityAuthentication.SIGN_IN);
    }
}
