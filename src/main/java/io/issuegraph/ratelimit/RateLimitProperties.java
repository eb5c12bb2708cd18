package io.issuegraph.ratelimit;

import io.issuegraph.InvalidConfigurationException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Token buckets that keep one caller from starving the others (environment {@code ISSUEGRAPH_RATE_LIMIT_*}).
 * They are per instance: see docs/api.md#rate-limits for what each limits and for sizing them across several.
 *
 * @param enabled whether API requests are limited at all
 * @param userBurst requests a signed-in user may send at once
 * @param userPerSecond requests per second a signed-in user's bucket refills
 * @param mutationCost how many requests' worth one mutation takes from the bucket
 * @param anonymousBurst requests with a token not yet known to be good that a client address may send at
 *     once (refunded when the token proves good)
 * @param anonymousPerSecond such requests per second it refills
 * @param unverifiedConcurrency such requests a client address may have in flight at once
 * @param prefix48Burst such requests all the /64s of one IPv6 /48 may send at once, together
 * @param prefix48PerSecond such requests per second that /48's bucket refills
 * @param memory the heap the buckets of users and addresses may take together; by default a tenth of
 *     the maximum heap (docs/api.md#rate-limits)
 */
@ConfigurationProperties("issuegraph.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("60") int userBurst,
        @DefaultValue("10") int userPerSecond,
        @DefaultValue("5") int mutationCost,
        @DefaultValue("10") int anonymousBurst,
        @DefaultValue("2") int anonymousPerSecond,
        @DefaultValue("4") int unverifiedConcurrency,
        @DefaultValue("40") int prefix48Burst,
        @DefaultValue("8") int prefix48PerSecond,
        DataSize memory) {

    public RateLimitProperties {
        if (userBurst < 1 || userPerSecond < 1 || mutationCost < 1 || anonymousBurst < 1 || anonymousPerSecond < 1
                || unverifiedConcurrency < 1 || prefix48Burst < 1 || prefix48PerSecond < 1) {
            throw new InvalidConfigurationException("ISSUEGRAPH_RATE_LIMIT_* values must be at least 1 "
                    + "(turn limiting off with ISSUEGRAPH_RATE_LIMIT_ENABLED=false).");
        }
        if (memory == null) {
            memory = DataSize.ofBytes(Runtime.getRuntime().maxMemory() / 10);
        }
        if (memory.toBytes() < DataSize.ofMegabytes(1).toBytes()) {
            throw new InvalidConfigurationException("ISSUEGRAPH_RATE_LIMIT_MEMORY must be at least 1MB.");
        }
        if (mutationCost > userBurst) {
            throw new InvalidConfigurationException(
                    "ISSUEGRAPH_RATE_LIMIT_MUTATION_COST must not exceed ISSUEGRAPH_RATE_LIMIT_USER_BURST.");
        }
    }
}
