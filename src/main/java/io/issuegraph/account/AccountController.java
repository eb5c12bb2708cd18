package io.issuegraph.account;

import io.issuegraph.identity.IdentityAuthentication;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

@Controller
class AccountController {

    private final AccountDeletionService accounts;

    AccountController(AccountDeletionService accounts) {
        this.accounts = accounts;
    }

    /** Also for an account that is being closed: calling it again finishes the closing (docs/account-deletion.md). */
    @MutationMapping
    @PreAuthorize("hasAuthority('CLOSE_ACCOUNT')")
    DeleteMyAccountPayload deleteMyAccount(IdentityAuthentication caller) {
        return accounts.deleteAccount(caller.getPrincipal().id(), caller.getCredentials());
    }
}
