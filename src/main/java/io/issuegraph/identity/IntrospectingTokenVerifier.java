package io.issuegraph.identity;

import io.issuegraph.Sha256;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.issuegraph.IdentityProperties;
import io.issuegraph.gotrue.GoTrueClient;
import io.issuegraph.gotrue.UserLookup;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * For Netlify-hosted Identity, whose signing secret cannot be had (docs/identity.md#netlify-hosted-identity):
 * asks GoTrue's {@code GET /user} whether the token is good (docs/identity.md#introspection). Fails closed
 * when GoTrue cannot be asked.
 * <p>
 * Bounded, so that nobody can make issuegraph hammer GoTrue: strings that are not signed JWTs, tokens
 * whose {@code exp} is past and tokens whose {@code sub} issuegraph would refuse anyway (both read
 * unverified: they can only make us refuse) are refused without a call; answers are cached under a hash
 * of the token, positive ones for the configured time and never beyond {@code exp}, refusals briefly; at
 * most a configured number of calls run at once. Caffeine loads each key once, so concurrent requests
 * with the same new token make one call to GoTrue.
 */
class IntrospectingTokenVerifier implements TokenVerifier {

    private static final String INVALID = "The bearer token is invalid or has expired.";
    /** Long enough to absorb a client retrying a bad token in a loop, short enough to never matter otherwise. */
    private static final Duration REFUSAL_CACHE_TTL = Duration.ofSeconds(10);
    /** How long a request waits for one of the limited calls before it is told to come back (503). */
    private static final Duration CALL_SLOT_WAIT = Duration.ofSeconds(1);

    private final GoTrueClient gotrue;
    private final StorableIdentityCheck storable;
    private final Duration cacheTtl;
    private final Duration clockSkew;
    private final Semaphore calls;
    private final Clock clock;
    private final Cache<String, Answer> answers;

    private sealed interface Answer {
        Instant cacheUntil();
    }

    private record Accepted(VerifiedToken token, Instant cacheUntil) implements Answer {
    }

    /** @param goneUserId the user GoTrue said does not exist (404), else null */
    private record Refused(String goneUserId, Instant cacheUntil) implements Answer {
    }

    /** What the token says of itself, unverified: only ever a reason to refuse, never to accept. */
    private record Unverified(String subject, Instant expiry) {
    }

    IntrospectingTokenVerifier(GoTrueClient gotrue, StorableIdentityCheck storable, IdentityProperties properties, Clock clock) {
        this.gotrue = gotrue;
        this.storable = storable;
        this.cacheTtl = properties.introspectionCacheTtl();
        this.clockSkew = properties.clockSkew();
        this.calls = new Semaphore(properties.introspectionConcurrency());
        this.clock = clock;
        this.answers = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfter(Expiry.<String, Answer>creating((key, answer) -> durationUntil(answer.cacheUntil())))
                .build();
    }

    @Override
    public VerifiedToken verify(String token) {
        Unverified claims = unverified(token);
        Answer answer = answers.get(Sha256.hex(token), key -> introspect(token, claims));
        if (answer instanceof Refused refused) {
            throw refused.goneUserId() != null ? new IdentityUserGoneException(refused.goneUserId())
                    : new InvalidBearerTokenException(INVALID);
        }
        return ((Accepted) answer).token();
    }

    @Override
    public boolean decidesLocally() {
        return false;
    }

    /** GoTrue's acceptance, while it is cached. */
    @Override
    public VerifiedToken remembered(String token) {
        return answers.getIfPresent(Sha256.hex(token)) instanceof Accepted accepted ? accepted.token() : null;
    }

    /** Refuses what GoTrue would refuse anyway (or issuegraph after it), without asking it. */
    private Unverified unverified(String token) {
        try {
            JWT jwt = JWTParser.parse(token);
            Date expiry = jwt.getJWTClaimsSet().getExpirationTime();
            if (jwt instanceof SignedJWT && expiry != null && expiry.toInstant().plus(clockSkew).isAfter(clock.instant())) {
                String subject = jwt.getJWTClaimsSet().getSubject();
                storable.checkId(subject);
                return new Unverified(subject, expiry.toInstant());
            }
        } catch (ParseException notAJwt) {
            // refused below
        }
        throw new InvalidBearerTokenException(INVALID);
    }

    private Answer introspect(String token, Unverified claims) {
        UserLookup answer = limited(token);
        Instant now = clock.instant();
        if (answer instanceof UserLookup.Found found) {
            return new Accepted(new VerifiedToken(IdentityUser.from(found.id(), found.user()), claims.expiry()),
                    min(now.plus(cacheTtl), claims.expiry()));
        }
        if (answer instanceof UserLookup.Refused refused) {
            return new Refused(refused.status() == 404 ? claims.subject() : null, now.plus(REFUSAL_CACHE_TTL));
        }
        var unavailable = (UserLookup.Unavailable) answer;
        throw new IdentityServiceUnavailableException(unavailable.reason(), unavailable.cause());
    }

    private UserLookup limited(String token) {
        try {
            if (!calls.tryAcquire(CALL_SLOT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                return new UserLookup.Unavailable("The identity service is busy.", null);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new UserLookup.Unavailable("The identity service is busy.", interrupted);
        }
        try {
            return gotrue.user(token);
        } finally {
            calls.release();
        }
    }

    private Duration durationUntil(Instant instant) {
        Duration left = Duration.between(clock.instant(), instant);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

}
