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
 * {@code sub}) and one per client address, for tokens not yet known to be good. Idle buckets are
 * forgotten after ten minutes, when they would be full again anyway. Refusals are counted by the limit
 * that refused ({@code issuegraph.rate.limit.refusals}, tag {@code limit}: {@code user}, {@code mutation},
 * {@code address}).
 */
@Component
public class RateLimitBuckets {

    /** What a user over their limit is told. */
    public static final String MESSAGE = "Too many requests: slow down and retry after the time in Retry-After.";

    private static final Duration IDLE = Duration.ofMinutes(10);

    private final RateLimitProperties limits;
    private final Cache<String, Bucket> users = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(IDLE).build();
    private final Cache<String, AddressBudget> addresses = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(IDLE).build();
    private final Counter userRefusals;
    private final Counter mutationRefusals;
    private final Counter addressRefusals;

    RateLimitBuckets(RateLimitProperties limits, MeterRegistry meters) {
        this.limits = limits;
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

    /** The budget of one client address ({@code ClientAddress} keys: an IPv4 address, or an IPv6 /64). */
    public AddressBudget address(String key) {
        return addresses.get(key, address -> new AddressBudget(
                bucket(limits.anonymousBurst(), limits.anonymousPerSecond()),
                new Semaphore(limits.unverifiedConcurrency())));
    }

    /** What one address may spend on tokens that are not yet known to be good. */
    public final class AddressBudget {

        private final Bucket bucket;
        private final Semaphore inFlight;

        private AddressBudget(Bucket bucket, Semaphore inFlight) {
            this.bucket = bucket;
            this.inFlight = inFlight;
        }

        /** Charges one request before its token is checked, and holds one of the address's in-flight places. */
        public boolean tryStart() {
            if (!bucket.tryConsume(1)) {
                return false;
            }
            if (!inFlight.tryAcquire()) {
                bucket.addTokens(1); // nothing was done on this charge
                return false;
            }
            return true;
        }

        /** Ends a request that {@link #tryStart} let in; a token that proved good gets its charge back. */
        public void finish(boolean tokenWasGood) {
            inFlight.release();
            if (tokenWasGood) {
                bucket.addTokens(1);
            }
        }

        /** Counts a refusal; the nanoseconds until the bucket can take another request. */
        public long refuse() {
            addressRefusals.increment();
            return Math.max(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill(), 1);
        }
    }

    private static Bucket bucket(int burst, int perSecond) {
        return Bucket.builder().addLimit(limit -> limit.capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .build();
    }
}
