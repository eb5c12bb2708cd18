package io.issuegraph.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.issuegraph.Sha256;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * Remembers the tokens a local verifier (HS256, JWK set) accepted, under a hash of the token, so that a
 * client's next requests with the same token skip the signature and the claims (bench/RESULTS.md). Kept
 * until the token's {@code exp} and never longer than the JWK set itself is cached; and each use asks
 * whether the key that signed the token is still in the set as cached now ({@link JwkSetKeySelector#stillHoldsKeyOf}),
 * so a key removed from the set stops counting when the set is next fetched, within the set's cache
 * lifetime, not up to twice that (docs/identity.md#asymmetric-keys-jwk-set). Only the verification is
 * remembered: whether the account is open is asked on every request ({@link IdentityAuthenticationProvider}),
 * so a closed account's token is refused at once. Refusals are not remembered: they are cheap and rare.
 */
final class CachingTokenVerifier implements TokenVerifier {

    private final TokenVerifier verifier;
    private final Duration longest;
    private final Predicate<String> keyStillPublished;
    private final Clock clock;
    private final Cache<String, Remembered> accepted;

    /** Checked against the clock on use; Caffeine's expiry only frees the memory. */
    private record Remembered(VerifiedToken token, Instant until) {
    }

    /** @param keyStillPublished whether the key that signed an accepted token is still published */
    CachingTokenVerifier(TokenVerifier verifier, int size, Duration longest, Predicate<String> keyStillPublished,
            Clock clock) {
        this.verifier = verifier;
        this.longest = longest;
        this.keyStillPublished = keyStillPublished;
        this.clock = clock;
        this.accepted = Caffeine.newBuilder()
                .maximumSize(size)
                .expireAfter(Expiry.<String, Remembered>creating((hash, remembered) ->
                        Duration.between(clock.instant(), remembered.until())))
                .build();
    }

    /** A token without {@code exp} is verified every time. */
    @Override
    public VerifiedToken verify(String token) {
        String hash = Sha256.hex(token);
        Instant now = clock.instant();
        VerifiedToken known = remembered(hash, token, now);
        if (known != null) {
            return known;
        }
        VerifiedToken verified = verifier.verify(token);
        if (verified != null && verified.expiresAt() != null && verified.expiresAt().isAfter(now)) {
            Instant longestUntil = now.plus(longest);
            accepted.put(hash, new Remembered(verified,
                    verified.expiresAt().isBefore(longestUntil) ? verified.expiresAt() : longestUntil));
        }
        return verified;
    }

    /** No signature is checked here: only the hash is looked up, and the key's presence in the set as cached. */
    @Override
    public VerifiedToken remembered(String token) {
        return remembered(Sha256.hex(token), token, clock.instant());
    }

    private VerifiedToken remembered(String hash, String token, Instant now) {
        Remembered known = accepted.getIfPresent(hash);
        return known != null && known.until().isAfter(now) && keyStillPublished.test(token) ? known.token() : null;
    }
}
