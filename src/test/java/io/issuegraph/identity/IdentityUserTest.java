package io.issuegraph.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The principal from GoTrue's claims or user object (docs/identity.md#the-principal). */
class IdentityUserTest {

    private static final String ID = "6d0a1f1e-3c7b-4a7e-9a51-2b9f0c1d2e3f";

    @Test
    void readsEmailFullNameAndRoles() {
        var user = IdentityUser.from(ID, Map.of("email", "alice@example.com",
                "app_metadata", Map.of("provider", "email", "roles", List.of("editor", "admin")),
                "user_metadata", Map.of("full_name", "  Alice Example ")));
        assertThat(user).isEqualTo(new IdentityUser(ID, "alice@example.com", "Alice Example", List.of("editor", "admin")));
        assertThat(user.isAdmin()).isTrue();
    }

    @Test
    void withoutAFullNameTheNameIsTheEmailBeforeTheAt() {
        var user = IdentityUser.from(ID, Map.of("email", "bob.b@example.com", "user_metadata", Map.of("full_name", " ")));
        assertThat(user.name()).isEqualTo("bob.b");
        assertThat(user.roles()).isEmpty();
        assertThat(user.isAdmin()).isFalse();
    }

    @Test
    void withNeitherNameNorEmailTheNameIsTheId() {
        Map<String, Object> phoneUser = new HashMap<>();
        phoneUser.put("email", "");
        phoneUser.put("app_metadata", null);
        phoneUser.put("user_metadata", null);
        var user = IdentityUser.from(ID, phoneUser);
        assertThat(user.email()).isEmpty();
        assertThat(user.name()).isEqualTo(ID);
        assertThat(user.roles()).isEmpty();
    }

    @Test
    void ignoresClaimsOfTheWrongShape() {
        var user = IdentityUser.from(ID, Map.of("email", 42, "app_metadata", List.of("admin"),
                "user_metadata", Map.of("full_name", List.of("Eve"))));
        assertThat(user).isEqualTo(new IdentityUser(ID, "", ID, List.of()));
    }

    @Test
    void keepsOnlyTextRoles() {
        var user = IdentityUser.from(ID, Map.of("email", "carol@example.com",
                "app_metadata", Map.of("roles", Arrays.asList("admin", 7, null, Map.of("role", "x")))));
        assertThat(user.roles()).containsExactly("admin");
    }

    @Test
    void anAdminRoleElsewhereGrantsNothing() {
        var user = IdentityUser.from(ID, Map.of("email", "dan@example.com", "role", "admin",
                "user_metadata", Map.of("roles", List.of("admin"))));
        assertThat(user.isAdmin()).isFalse();
    }
}
