package io.issuegraph.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.issuegraph.graphql.Refusal;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Component;

/**
 * The token buckets (Bucket4j), in memory on each instance: one per signed-in user (the Identity
 * {@code sub}) and one per client address, for tokens not yet known to be good, and one more per IPv6
 * /48 that all its /64s share. Idle buckets are forgotten after ten minutes, when they would be full
 * again anyway; beyond {@code ISSUEGRAPH_RATE_LIMIT_MEMORY} the least used go first, so that no number of
 * addresses can fill the heap (an address forgotten starts again with a full bucket). Refusals are counted by the limit
 * that refused ({@code issuegraph.rate.limit.refusals}, tag {@code limit}: {@code user}, {@code mutation},
 * {@code address}).
 */
@Component
public class RateLimitBuckets {

    /** What a user over their limit is told. */
    public static final String MESSAGE = "Too many requests: slow down and retry after the time in Retry-After.";

    private static final Duration IDLE = Duration.ofMinutes(10);
    /**
     * What one entry takes, its key and the cache's node included, with a margin: about 560 bytes measured
     * (RateLimitBucketsTest holds the caches to the memory given).
     */
    static final int ENTRY_BYTES = 700;

    private final RateLimitProperties limits;
    private final Cache<String, Bucket> users;
    private final Cache<String, AddressBudget> addresses;
    private final Cache<String, Bucket> prefixes;
    private final Counter userRefusals;
    private final Counter mutationRefusals;
    private final Counter addressRefusals;

    RateLimitBuckets(RateLimitProperties limits, MeterRegistry meters) {
        this.limits = limits;
        // half the memory for users, half for addresses and their /48s; maintenance on the calling thread,
        // so that the bound holds as entries come, not when a pool gets to it
        long entries = Math.max(limits.memory().toBytes() / 2 / ENTRY_BYTES, 1);
        this.users = Caffeine.newBuilder().maximumSize(entries).expireAfterAccess(IDLE).executor(Runnable::run).build();
        this.addresses = Caffeine.newBuilder().maximumSize(entries * 7 / 8).expireAfterAccess(IDLE)
                .executor(Runnable::run).build();
        this.prefixes = Caffeine.newBuilder().maximumSize(Math.max(entries / 8, 1)).expireAfterAccess(IDLE)
                .executor(Runnable::run).build();
        this.userRefusals = refusals(meters, "user");
        this.mutationRefusals = refusals(meters, "mutation");
        this.addressRefusals = refusals(meters, "address");
    }

    private static Counter refusals(MeterRegistry meters, String limit) {
        return Counter.builder("issuegraph.rate.limit.refusals").tag("limit", limit)
                .description("API requests refused with 429 Too Many Requests").register(meters);
    }

    public RateLimitProperties limits() {
        return limits;
    }

    /** Takes {@code cost} tokens from the user's bucket; counted as a refusal by {@code limit} when there are too few. */
    ConsumptionProbe chargeUser(String userId, int cost, boolean mutation) {
        ConsumptionProbe probe = users.get(userId, key -> bucket(limits.userBurst(), limits.userPerSecond()))
                .tryConsumeAndReturnRemaining(cost);
        if (!probe.isConsumed()) {
            (mutation ? mutationRefusals : userRefusals).increment();
        }
        return probe;
    }

    /**
     * Charges a signed-in user's bucket for a request outside GraphQL ({@code GET /me/export}), at most a full
     * bucket, so that any cost can be paid once the bucket has refilled.
     *
     * @return empty when charged; else the seconds to wait
     */
    public OptionalLong charge(String userId, long cost) {
        if (!limits.enabled()) {
            return OptionalLong.empty();
        }
        ConsumptionProbe probe = chargeUser(userId, (int) Math.min(cost, limits.userBurst()), false);
        return probe.isConsumed() ? OptionalLong.empty() : OptionalLong.of(Refusal.seconds(probe.getNanosToWaitForRefill()));
    }

    /**
     * The budget of one client address ({@code ClientAddress} keys: an IPv4 address, or an IPv6 /64 as
     * 16 hex digits and {@code /64}). An IPv6 /64 also spends from its /48's bucket: a /48 holds 65,536
     * /64s, each of which would otherwise bring a full bucket of its own.
     */
    public AddressBudget address(String key) {
        return addresses.get(key, address -> new AddressBudget(
                bucket(limits.anonymousBurst(), limits.anonymousPerSecond()),
                new Semaphore(limits.unverifiedConcurrency()),
                address.endsWith("/64") ? address.substring(0, 12) + "/48" : null));
    }

    /** What one address may spend on tokens that are not yet known to be good. */
    public final class AddressBudget {

        private final Bucket bucket;
        private final Semaphore inFlight;
        /** The IPv6 /48 this /64 belongs to; null for an IPv4 address. */
        private final String prefix;

        private AddressBudget(Bucket bucket, Semaphore inFlight, String prefix) {
            this.bucket = bucket;
            this.inFlight = inFlight;
            this.prefix = prefix;
        }

        /** Charges one request before its token is checked, and holds one of the address's in-flight places. */
        public boolean tryStart() {
            if (!bucket.tryConsume(1)) {
                return false;
            }
            Bucket shared = prefixBucket();
            if (shared != null && !shared.tryConsume(1)) {
                bucket.addTokens(1); // nothing was done on this charge
                return false;
            }
            if (!inFlight.tryAcquire()) {
                bucket.addTokens(1);
                if (shared != null) {
                    shared.addTokens(1);
                }
                return false;
            }
            return true;
        }

        /** Ends a request that {@link #tryStart} let in; a token that proved good gets its charge back. */
        public void finish(boolean tokenWasGood) {
            inFlight.release();
            if (tokenWasGood) {
                bucket.addTokens(1);
                Bucket shared = prefixBucket();
                if (shared != null) {
                    shared.addTokens(1);
                }
            }
        }

        /** Counts a refusal; the nanoseconds until the buckets can take another request. */
        public long refuse() {
            addressRefusals.increment();
            Bucket shared = prefixBucket();
            long wait = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
            if (shared != null) {
                wait = Math.max(wait, shared.estimateAbilityToConsume(1).getNanosToWaitForRefill());
            }
            return Math.max(wait, 1);
        }

        /** Looked up on each use, not held: a /48 forgotten while its /64s are remembered starts again full. */
        private Bucket prefixBucket() {
            return prefix == null ? null
                    : prefixes.get(prefix, any -> bucket(limits.prefix48Burst(), limits.prefix48PerSecond()));
        }
    }

    private static Bucket bucket(int burst, int perSecond) {
        return Bucket.builder().addLimit(limit -> limit.capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .build();
    }
}
