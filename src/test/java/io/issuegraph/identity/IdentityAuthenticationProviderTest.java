package io.issuegraph.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/** The authorities each kind of caller gets, decided once at authentication (docs/api.md#who-may-do-what). */
class IdentityAuthenticationProviderTest {

    private static final String ID = "6d0a1f1e-3c7b-4a7e-9a51-2b9f0c1d2e3f";

    private final Map<String, IdentityUser> tokens = new HashMap<>();
    private final Map<String, ClosedAccounts.Standing> standings = new HashMap<>();
    /** Tokens only the identity service could tell about. */
    private final Map<String, IdentityUser> remote = new HashMap<>();

    private final TokenVerifier verifier = new TokenVerifier() {
        @Override
        public VerifiedToken verify(String token) {
            IdentityUser user = tokens.getOrDefault(token, remote.get(token));
            if (user == null) {
                throw new InvalidBearerTokenException("The bearer token is invalid or has expired.");
            }
            return new VerifiedToken(user, Instant.now().plusSeconds(3600));
        }

        @Override
        public VerifiedToken verifyWithoutAsking(String token) {
            return remote.containsKey(token) ? null : verify(token);
        }
    };

    private final ClosedAccounts closedAccounts = new ClosedAccounts() {
        @Override
        public Standing standingOf(String userId) {
            return standings.getOrDefault(userId, Standing.OPEN);
        }

        @Override
        public void identityUserGone(String userId) {
        }
    };

    private IdentityAuthenticationProvider provider(String requiredRole) {
        return new IdentityAuthenticationProvider(verifier, new StorableIdentityCheck(true), closedAccounts,
                requiredRole);
    }

    private List<String> authoritiesOf(String requiredRole, List<String> roles) {
        tokens.put("t", new IdentityUser(ID, "a@example.com", "A", roles));
        return provider(requiredRole).authenticate(new BearerTokenAuthenticationToken("t")).getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).toList();
    }

    @Test
    void withoutARequiredRoleEverySignedInUserIsAMember() {
        assertThat(authoritiesOf(null, List.of())).containsExactlyInAnyOrder("SIGNED_IN", "CLOSE_ACCOUNT", "MEMBER");
        assertThat(authoritiesOf(null, List.of("admin"))).contains("MEMBER", "ROLE_admin");
    }

    @Test
    void withARequiredRoleOnlyItsHoldersAndAdminsAreMembers() {
        assertThat(authoritiesOf("member", List.of())).containsExactlyInAnyOrder("SIGNED_IN", "CLOSE_ACCOUNT");
        assertThat(authoritiesOf("member", List.of("member"))).contains("MEMBER", "ROLE_member");
        assertThat(authoritiesOf("member", List.of("admin"))).contains("MEMBER", "ROLE_admin");
    }

    @Test
    void aClosingAccountMayOnlyFinishClosingAndAClosedOneNothing() {
        standings.put(ID, ClosedAccounts.Standing.CLOSING);
        assertThat(authoritiesOf(null, List.of("admin"))).containsExactly("CLOSE_ACCOUNT");

        standings.put(ID, ClosedAccounts.Standing.CLOSED);
        assertThatThrownBy(() -> authoritiesOf(null, List.of())).isInstanceOf(InvalidBearerTokenException.class)
                .hasMessage(ClosedAccounts.ACCOUNT_DELETED);
    }

    @Test
    void aTokenIsKnownGoodOnlyWhenItVerifiesWithoutAskingTheIdentityService() {
        tokens.put("local", new IdentityUser(ID, "a@example.com", "A", List.of()));
        remote.put("remote", new IdentityUser(ID, "a@example.com", "A", List.of()));
        var provider = provider(null);

        assertThat(provider.isKnownGood("local")).isTrue();
        assertThat(provider.isKnownGood("remote")).isFalse();
        assertThat(provider.isKnownGood("garbage")).isFalse();
    }
}
