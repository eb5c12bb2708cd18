package io.issuegraph.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/** A token is verified once, then remembered until its exp and never longer than the key set is cached. */
class CachingTokenVerifierTest {

    private static final IdentityUser USER = new IdentityUser("6d0a1f1e-3c7b-4a7e-9a51-2b9f0c1d2e3f", "a@example.com", "A",
            List.of());

    private Instant now = Instant.parse("2026-12-01T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    /** token → its exp; anything else is refused. */
    private final Map<String, Instant> good = new HashMap<>();
    private final List<String> verified = new ArrayList<>();
    /** Tokens whose key has left the JWK set. */
    private final Set<String> keyRemoved = new HashSet<>();

    private final TokenVerifier verifier = new CachingTokenVerifier(new TokenVerifier() {
        @Override
        public VerifiedToken verify(String token) {
            verified.add(token);
            Instant exp = good.get(token);
            if (exp == null || !exp.isAfter(now)) {
                throw new InvalidBearerTokenException("The bearer token is invalid or has expired.");
            }
            return new VerifiedToken(USER, exp);
        }

        @Override
        public VerifiedToken remembered(String token) {
            return null;
        }
    }, 100, Duration.ofMinutes(5), token -> !keyRemoved.contains(token), clock);

    @Test
    void aGoodTokenIsVerifiedOnceWhileItLasts() {
        good.put("t", now.plusSeconds(60));

        assertThat(verifier.verify("t").user()).isEqualTo(USER);
        assertThat(verifier.verify("t").user()).isEqualTo(USER);
        assertThat(verifier.remembered("t").user()).isEqualTo(USER);
        assertThat(verified).containsExactly("t");

        now = now.plusSeconds(61);
        assertThatThrownBy(() -> verifier.verify("t")).isInstanceOf(InvalidBearerTokenException.class);
        assertThat(verified).containsExactly("t", "t");
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainWhenTheKeySetWouldBeFetchedAgain() {
        good.put("t", now.plusSeconds(3600));
        verifier.verify("t");

        good.remove("t"); // say its key was removed from the set
        now = now.plusSeconds(299);
        assertThat(verifier.verify("t").user()).isEqualTo(USER);
        assertThat(verified).containsExactly("t");

        now = now.plusSeconds(1);
        assertThatThrownBy(() -> verifier.verify("t")).isInstanceOf(InvalidBearerTokenException.class);
        assertThat(verified).containsExactly("t", "t");
    }

    @Test
    void aTokenWhoseKeyLeftTheSetIsVerifiedAgainAtOnce() {
        good.put("t", now.plusSeconds(3600));
        verifier.verify("t");

        good.remove("t");
        keyRemoved.add("t");
        now = now.plusSeconds(1);
        assertThatThrownBy(() -> verifier.verify("t")).isInstanceOf(InvalidBearerTokenException.class);
        assertThat(verifier.remembered("t")).isNull();
        assertThat(verified).containsExactly("t", "t");
    }

    @Test
    void refusalsAreNeverRemembered() {
        assertThatThrownBy(() -> verifier.verify("bad")).isInstanceOf(InvalidBearerTokenException.class);
        good.put("bad", now.plusSeconds(60));
        assertThat(verifier.verify("bad").user()).isEqualTo(USER);
        assertThat(verified).containsExactly("bad", "bad");
    }

    /** What the per-address limit asks of a token over it: no signature is checked for it (issue 29, finding 4). */
    @Test
    void whatIsRememberedIsToldWithoutVerifyingAnything() {
        good.put("fresh", now.plusSeconds(60));

        assertThat(verifier.remembered("fresh")).isNull();
        assertThat(verifier.remembered("forged")).isNull();
        assertThat(verified).isEmpty();

        verifier.verify("fresh");
        assertThat(verifier.remembered("fresh").user()).isEqualTo(USER);
        assertThat(verified).containsExactly("fresh");
    }
}
