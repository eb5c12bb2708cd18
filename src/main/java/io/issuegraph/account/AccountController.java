package io.issuegraph.account;

import io.issuegraph.identity.IdentityAuthentication;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

@Controller
class AccountController {

    private final AccountDeletionService accounts;

    AccountController(AccountDeletionService accounts) {
        this.accounts = accounts;
    }

    @MutationMapping
    DeleteMyAccountPayload deleteMyAccount(IdentityAuthentication caller) {
        return accounts.deleteAccount(caller.getPrincipal().id(), caller.getCredentials());
    }
}
