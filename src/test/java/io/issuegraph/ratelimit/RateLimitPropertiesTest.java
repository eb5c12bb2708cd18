package io.issuegraph.ratelimit;

import static io.issuegraph.testsupport.EnvironmentVariables.assertRefused;
import static io.issuegraph.testsupport.EnvironmentVariables.bind;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

/** ISSUEGRAPH_RATE_LIMIT_*: what an operator's variables make of the buckets, and what is refused (docs/api.md#rate-limits). */
class RateLimitPropertiesTest {

    @Test
    void limitsAreOnByDefaultWithTheDocumentedBuckets() {
        RateLimitProperties limits = bind(RateLimitProperties.class);
        assertThat(limits.enabled()).isTrue();
        assertThat(limits).extracting(RateLimitProperties::userBurst, RateLimitProperties::userPerSecond,
                RateLimitProperties::mutationCost, RateLimitProperties::anonymousBurst,
                RateLimitProperties::anonymousPerSecond, RateLimitProperties::unverifiedConcurrency,
                RateLimitProperties::prefix48Burst, RateLimitProperties::prefix48PerSecond)
                .containsExactly(60, 10, 5, 10, 2, 4, 40, 8);
    }

    @Test
    void theBucketsTakeATenthOfTheHeapUnlessTold() {
        assertThat(bind(RateLimitProperties.class).memory().toBytes()).isEqualTo(Runtime.getRuntime().maxMemory() / 10);
        assertThat(bind(RateLimitProperties.class, "ISSUEGRAPH_RATE_LIMIT_MEMORY=16MB").memory())
                .isEqualTo(DataSize.ofMegabytes(16));
    }

    @Test
    void limitingCanBeTurnedOff() {
        assertThat(bind(RateLimitProperties.class, "ISSUEGRAPH_RATE_LIMIT_ENABLED=false").enabled()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"USER_BURST", "USER_PER_SECOND", "MUTATION_COST", "ANONYMOUS_BURST", "ANONYMOUS_PER_SECOND",
        "UNVERIFIED_CONCURRENCY", "PREFIX48_BURST", "PREFIX48_PER_SECOND"})
    void aBucketOfZeroIsRefusedWithTheWayToTurnLimitingOff(String setting) {
        assertRefused(RateLimitProperties.class, "ISSUEGRAPH_RATE_LIMIT_" + setting + "=0")
                .hasMessage("ISSUEGRAPH_RATE_LIMIT_* values must be at least 1 "
                        + "(turn limiting off with ISSUEGRAPH_RATE_LIMIT_ENABLED=false).");
    }

    @Test
    void lessThanAMegabyteForTheBucketsIsRefused() {
        assertRefused(RateLimitProperties.class, "ISSUEGRAPH_RATE_LIMIT_MEMORY=512KB")
                .hasMessage("ISSUEGRAPH_RATE_LIMIT_MEMORY must be at least 1MB.");
    }

    /** A mutation that costs more than the whole bucket could never run. */
    @Test
    void aMutationMayNotCostMoreThanTheBurst() {
        assertThat(bind(RateLimitProperties.class, "ISSUEGRAPH_RATE_LIMIT_USER_BURST=5").mutationCost()).isEqualTo(5);
        assertRefused(RateLimitProperties.class, "ISSUEGRAPH_RATE_LIMIT_USER_BURST=4")
                .hasMessage("ISSUEGRAPH_RATE_LIMIT_MUTATION_COST must not exceed ISSUEGRAPH_RATE_LIMIT_USER_BURST.");
    }
}
