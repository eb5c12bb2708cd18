package io.issuegraph.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/** The authorities each kind of caller gets, decided once at authentication (docs/api.md#who-may-do-what). */
class IdentityAuthenticationProviderTest {

    private static final String ID = "6d0a1f1e-3c7b-4a7e-9a51-2b9f0c1d2e3f";

    private final Map<String, IdentityUser> tokens = new HashMap<>();
    private final Map<String, ClosedAccounts.Standing> standings = new HashMap<>();
    /** Tokens whose acceptance the verifier remembers. */
    private final Set<String> remembered = new HashSet<>();

    private final TokenVerifier verifier = new TokenVerifier() {
        @Override
        public VerifiedToken verify(String token) {
            IdentityUser user = tokens.get(token);
            if (user == null) {
                throw new InvalidBearerTokenException("The bearer token is invalid or has expired.");
            }
            return new VerifiedToken(user, Instant.now().plusSeconds(3600));
        }

        @Override
        public VerifiedToken remembered(String token) {
            return remembered.contains(token) ? verify(token) : null;
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
    void aTokenIsKnownGoodOnlyWhenItsAcceptanceIsRemembered() {
        tokens.put("seen", new IdentityUser(ID, "a@example.com", "A", List.of()));
        tokens.put("fresh", new IdentityUser(ID, "a@example.com", "A", List.of()));
        remembered.add("seen");
        var provider = provider(null);

        assertThat(provider.isKnownGood("seen")).isTrue();
        assertThat(provider.isKnownGood("fresh")).as("good, but it would have to be verified").isFalse();
        assertThat(provider.isKnownGood("garbage")).isFalse();
    }

    @Test
    void aTokenVerifiesLocallyOnlyWhereTheVerifierDecidesHere() {
        tokens.put("good", new IdentityUser(ID, "a@example.com", "A", List.of()));

        assertThat(provider(null).verifiesLocally("good")).isTrue();
        assertThat(provider(null).verifiesLocally("forged")).isFalse();
    }

    @Test
    void theUserATokenClaimsIsReadWithoutVerifyingIt() throws Exception {
        var signed = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.HS256),
                new com.nimbusds.jwt.JWTClaimsSet.Builder().subject(ID).build());
        signed.sign(new com.nimbusds.jose.crypto.MACSigner("any-secret-any-secret-any-secret-!!"));

        assertThat(provider(null).claimedUser(signed.serialize())).isEqualTo(ID);
        assertThat(provider(null).claimedUser("not-a-jwt")).isNull();
    }
}
