package io.issuegraph.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RateLimitBucketsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** 5 per user, mutations cost 3; 3 unverified tokens per address, 2 of them at once. */
    private final RateLimitBuckets buckets = new RateLimitBuckets(new RateLimitProperties(true, 5, 1, 3, 3, 1, 2), meters);

    @Test
    void anAddressIsChargedBeforeTheCheckAndRefundedWhenTheTokenProvesGood() {
        var budget = buckets.address("203.0.113.7");

        for (int i = 0; i < 10; i++) {
            assertThat(budget.tryStart()).as("request %d", i).isTrue();
            budget.finish(true);
        }
        assertThat(IntStream.range(0, 4).filter(i -> {
            boolean started = budget.tryStart();
            if (started) {
                budget.finish(false);
            }
            return started;
        }).count()).isEqualTo(3);
    }

    @Test
    void onlySoManyUnverifiedRequestsOfOneAddressRunAtOnce() {
        var budget = buckets.address("198.51.100.1");

        assertThat(budget.tryStart()).isTrue();
        assertThat(budget.tryStart()).isTrue();
        assertThat(budget.tryStart()).as("a third at once").isFalse();
        budget.finish(true);
        assertThat(budget.tryStart()).as("one finished, and the refused one was not charged").isTrue();
    }

    @Test
    void addressesHaveBudgetsOfTheirOwnAndRefusalsAreCounted() {
        var spent = buckets.address("192.0.2.1");
        IntStream.range(0, 3).forEach(i -> {
            spent.tryStart();
            spent.finish(false);
        });

        assertThat(spent.tryStart()).isFalse();
        assertThat(spent.refuse()).isPositive();
        assertThat(buckets.address("192.0.2.2").tryStart()).isTrue();
        assertThat(meters.get("issuegraph.rate.limit.refusals").tag("limit", "address").counter().count()).isEqualTo(1);
    }

    @Test
    void aUsersRequestsAndMutationsShareOneBucket() {
        assertThat(buckets.chargeUser("u1", 1, false).isConsumed()).isTrue();
        assertThat(buckets.chargeUser("u1", 2, true).isConsumed()).isTrue();
        assertThat(buckets.chargeUser("u1", 2, true).isConsumed()).isTrue();
        assertThat(buckets.chargeUser("u1", 2, true).isConsumed()).isFalse();
        assertThat(buckets.chargeUser("u2", 1, false).isConsumed()).isTrue();
        assertThat(meters.get("issuegraph.rate.limit.refusals").tag("limit", "mutation").counter().count()).isEqualTo(1);
    }
}
