package io.issuegraph.identity;

import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

@Controller
class MeController {

    /** The GraphQL {@code Viewer} is the principal itself: id, email, name and roles. */
    @QueryMapping
    @PreAuthorize("hasAuthority('SIGNED_IN')")
    IdentityUser me(IdentityAuthentication caller) {
        return caller.getPrincipal();
    }
}
