package io.issuegraph.account;

import static io.issuegraph.testsupport.GraphQlErrors.expectError;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.issuegraph.identity.IdentityAuthentication;
import io.issuegraph.identity.WithCaller;
import io.issuegraph.testsupport.GraphQlSliceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.WebGraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * {@code deleteMyAccount} in-process (a GraphQL slice): every signed-in caller may close their own account,
 * a member or not, and the token of an account already being closed may finish it; the service is asked
 * for the caller's account, with the caller's token (for the delete bridge). What the closing does, against
 * the real database and identity, {@link AccountDeletionTest} shows; that the same holds on every
 * transport, {@code web.AuthorizationMatrixTest}.
 */
@GraphQlSliceTest(controllers = AccountController.class, properties = "issuegraph.identity.required-role=member")
class AccountGraphQlTest {

    // language=GraphQL
    private static final String CLOSE = "mutation { deleteMyAccount { deletedIssueCount identityDeleted } }";

    @MockitoBean
    AccountDeletionService accounts;

    @Autowired
    WebGraphQlTester graphQl;

    private void closes(String userId) {
        when(accounts.deleteAccount(userId, "token")).thenReturn(new DeleteMyAccountPayload(2, true, null));
        graphQl.document(CLOSE).execute().errors().verify()
                .path("deleteMyAccount.deletedIssueCount").entity(Integer.class).isEqualTo(2);
        verify(accounts).deleteAccount(userId, "token");
    }

    @Test
    @WithCaller("mia")
    void aMemberClosesTheirOwnAccount() {
        closes("mia");
    }

    @Test
    @WithCaller(value = "nina", member = false)
    void aNonMemberToo() {
        closes("nina");
    }

    @Test
    @WithCaller(value = "ada", roles = "admin", member = false)
    void anAdminClosesTheirOwnNotAnother() {
        closes("ada");
    }

    @Test
    @WithCaller(value = "cleo", closing = true)
    void aClosingAccountFinishesTheClosing() {
        closes("cleo");
    }

    @Test
    void nobodyIsAskedToSignInAndNothingIsClosed() {
        expectError(graphQl.document(CLOSE), ErrorType.UNAUTHORIZED, IdentityAuthentication.SIGN_IN);
        verifyNoInteractions(accounts);
    }
}
