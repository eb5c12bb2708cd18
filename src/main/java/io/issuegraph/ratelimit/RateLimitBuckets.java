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
 * /48 that all its /64s share. A user seen in the last day also has a small lane of checks of fresh tokens
 * that their address's limit does not hold up ({@link #tryReturningUser}). Idle address buckets are
 * forgotten after ten minutes, when they would be full again anyway, users after a day; beyond
 * {@code ISSUEGRAPH_RATE_LIMIT_MEMORY} the least used go first, so that no number of addresses or users
 * can fill the heap (one forgotten starts again with full buckets). Refusals are counted by the limit
 * that refused ({@code issuegraph.rate.limit.refusals}, tag {@code limit}: {@code user}, {@code mutation},
 * {@code address}).
 */
@Component
public class RateLimitBuckets {

    /** What a user over their limit is told. */
    public static final String MESSAGE = "Too many requests: slow down and retry after the time in Retry-After.";

    private static final Duration IDLE = Duration.ofMinutes(10);
    /** How long a user counts as returning after their last request. */
    private static final Duration RETURNING = Duration.ofDays(1);
    /** Each returning user's lane: 2 fresh tokens checked at once, one more every 30 s. */
    private static final int LANE_BURST = 2;
    private static final Duration LANE_REFILL = Duration.ofSeconds(30);
    /** All lanes of the instance together: 20 at once, 2 a second, so that ids known to an attacker cost little. */
    private static final int LANES_BURST = 20;
    private static final int LANES_PER_SECOND = 2;
    /**
     * Local signature checks of tokens past an address's budget (HS256, JWK set): 200 at once, 100 a
     * second. A check costs microseconds and no identity lookup, but not nothing: a flood of forged tokens
     * gets this many, the rest 429.
     */
    private static final int LOCAL_CHECKS_BURST = 200;
    private static final int LOCAL_CHECKS_PER_SECOND = 100;
    /**
     * What one entry takes, its key and the cache's node included, with a margin: about 800 bytes measured
     * for an address with its local checks, 800 for a user with their lane (RateLimitBucketsTest holds the caches to the memory
     * given).
     */
    static final int ADDRESS_BYTES = 950;
    static final int USER_BYTES = 1000;

    private final RateLimitProperties limits;
    private final Cache<String, UserBuckets> users;
    private final Bucket lanes = bucket(LANES_BURST, LANES_PER_SECOND);
    private final Cache<String, AddressBudget> addresses;
    private final Cache<String, Bucket> prefixes;
    private final Counter userRefusals;
    private final Counter mutationRefusals;
    private final Counter addressRefusals;

    RateLimitBuckets(RateLimitProperties limits, MeterRegistry meters) {
        this.limits = limits;
        // half the memory for users, half for addresses and their /48s; maintenance on the calling thread,
        // so that the bound holds as entries come, not when a pool gets to it
        long half = limits.memory().toBytes() / 2;
        long addressEntries = Math.max(half / ADDRESS_BYTES, 1);
        this.users = Caffeine.newBuilder().maximumSize(Math.max(half / USER_BYTES, 1)).expireAfterAccess(RETURNING)
                .executor(Runnable::run).build();
        this.addresses = Caffeine.newBuilder().maximumSize(Math.max(addressEntries * 7 / 8, 1)).expireAfterAccess(IDLE)
                .executor(Runnable::run).build();
        this.prefixes = Caffeine.newBuilder().maximumSize(Math.max(addressEntries / 8, 1)).expireAfterAccess(IDLE)
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
        ConsumptionProbe probe = users.get(userId, key -> new UserBuckets(bucket(limits.userBurst(), limits.userPerSecond()),
                        Bucket.builder().addLimit(limit -> limit.capacity(LANE_BURST).refillGreedy(1, LANE_REFILL)).build()))
                .requests().tryConsumeAndReturnRemaining(cost);
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
     * Lets a token that its address's limit refused be checked all the same, when the user it claims
     * (unverified) made a request on this instance within the last day and their lane and the instance's
     * have room: a flood of bad tokens from an address then holds up only users this instance has not
     * seen. Someone who knows a user's id can spend that user's lane, never more than the instance's.
     *
     * @return whether to check the token; if so, {@link #finishReturningUser} when it is done
     */
    public boolean tryReturningUser(String userId) {
        UserBuckets user = users.getIfPresent(userId);
        if (user == null || !user.lane().tryConsume(1)) {
            return false;
        }
        if (!lanes.tryConsume(1)) {
            user.lane().addTokens(1);
            return false;
        }
        return true;
    }

    /** Ends a check that {@link #tryReturningUser} let in; a token that proved good gets its charges back. */
    public void finishReturningUser(String userId, boolean tokenWasGood) {
        if (tokenWasGood) {
            lanes.addTokens(1);
            UserBuckets user = users.getIfPresent(userId);
            if (user != null) {
                user.lane().addTokens(1);
            }
        }
    }

    /** A user's requests, and their lane of fresh tokens checked past their address's limit. */
    private record UserBuckets(Bucket requests, Bucket lane) {
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
                bucket(LOCAL_CHECKS_BURST, LOCAL_CHECKS_PER_SECOND),
                address.endsWith("/64") ? address.substring(0, 12) + "/48" : null));
    }

    /** What one address may spend on tokens that are not yet known to be good. */
    public final class AddressBudget {

        private final Bucket bucket;
        private final Semaphore inFlight;
        private final Bucket localChecks;
        /** The IPv6 /48 this /64 belongs to; null for an IPv4 address. */
        private final String prefix;

        private AddressBudget(Bucket bucket, Semaphore inFlight, Bucket localChecks, String prefix) {
            this.bucket = bucket;
            this.inFlight = inFlight;
            this.localChecks = localChecks;
            this.prefix = prefix;
        }

        /** Past the budget: whether a token may still have its signature checked here (no identity lookup). */
        public boolean tryLocalCheck() {
            return localChecks.tryConsume(1);
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
