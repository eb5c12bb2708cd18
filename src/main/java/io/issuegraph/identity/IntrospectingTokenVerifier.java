package io.issuegraph.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jwt.JWTParser;
import io.issuegraph.gotrue.GoTrueClient;
import io.issuegraph.gotrue.UserLookup;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * For Netlify-hosted Identity, whose signing secret cannot be had (docs/identity.md#netlify-hosted-identity): asks GoTrue's
 * {@code GET /user} whether the token is good (docs/identity.md#introspection). Fails closed when GoTrue cannot be asked.
 * <p>
 * Positive answers are cached under a hash of the token, for the configured time and never beyond the
 * token's {@code exp} (read unverified, only as an upper bound). Caffeine loads each key once, so
 * concurrent requests with the same new token make one call to GoTrue.
 */
class IntrospectingTokenVerifier implements TokenVerifier {

    private final GoTrueClient gotrue;
    private final Duration cacheTtl;
    private final Clock clock;
    private final Cache<String, Introspection> answers;

    private record Introspection(IdentityUser user, Instant cacheUntil) {
    }

    IntrospectingTokenVerifier(GoTrueClient gotrue, Duration cacheTtl, Clock clock) {
        this.gotrue = gotrue;
        this.cacheTtl = cacheTtl;
        this.clock = clock;
        this.answers = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfter(Expiry.<String, Introspection>creating((key, answer) -> durationUntil(answer.cacheUntil())))
                .build();
    }

    @Override
    public IdentityUser verify(String token) {
        return answers.get(sha256(token), key -> introspect(token)).user();
    }

    private Introspection introspect(String token) {
        UserLookup answer = gotrue.user(token);
        if (answer instanceof UserLookup.Found found) {
            return new Introspection(IdentityUser.from(found.id(), found.user()), cacheUntil(token));
        }
        if (answer instanceof UserLookup.Refused refused) {
            throw new InvalidBearerTokenException(refused.status() == 404
                    ? "account deleted" : "The bearer token is invalid or has expired.");
        }
        var unavailable = (UserLookup.Unavailable) answer;
        throw new IdentityServiceUnavailableException(unavailable.reason(), unavailable.cause());
    }

    private Instant cacheUntil(String token) {
        Instant latest = clock.instant().plus(cacheTtl);
        try {
            Date expiry = JWTParser.parse(token).getJWTClaimsSet().getExpirationTime();
            return expiry == null ? clock.instant() : min(latest, expiry.toInstant());
        } catch (ParseException notAJwt) {
            return clock.instant(); // no known expiry: don't cache
        }
    }

    private Duration durationUntil(Instant instant) {
        Duration left = Duration.between(clock.instant(), instant);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException everyJvmHasIt) {
            throw new IllegalStateException(everyJvmHasIt);
        }
    }
}
