package io.issuegraph.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class RateLimitBucketsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** 5 per user, mutations cost 3; 3 unverified tokens per address, 2 of them at once, 4 per IPv6 /48. */
    private final RateLimitBuckets buckets = new RateLimitBuckets(
            new RateLimitProperties(true, 5, 1, 3, 3, 1, 2, 4, 1, DataSize.ofMegabytes(4)), meters);

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

    @Test
    void theSlash64sOfOneSlash48ShareItsBucket() {
        // 2001:db8:0:0::/64 … 2001:db8:0:5::/64: six /64s of one /48, each with a bucket of 3
        long started = IntStream.range(0, 6).mapToObj(i -> buckets.address("20010db80000000" + i + "/64"))
                .mapToLong(budget -> IntStream.range(0, 3).filter(i -> {
                    boolean start = budget.tryStart();
                    if (start) {
                        budget.finish(false);
                    }
                    return start;
                }).count()).sum();

        assertThat(started).as("the /48's 4, not 6 × 3").isEqualTo(4);
        assertThat(buckets.address("20010db80001000a/64").tryStart()).as("another /48").isTrue();
        assertThat(buckets.address("198.51.100.9").tryStart()).as("IPv4 has no /48").isTrue();
    }

    @Test
    void aGoodTokenRefundsItsSlash48Too() {
        var budget = buckets.address("20010db8000200aa/64");
        for (int i = 0; i < 20; i++) {
            assertThat(budget.tryStart()).as("request %d", i).isTrue();
            budget.finish(true);
        }
    }

    @Test
    void aUserSeenBeforeHasALaneOfFreshTokensPastTheirAddresssLimit() {
        assertThat(buckets.tryReturningUser("never-seen")).as("only users this instance has served").isFalse();

        buckets.chargeUser("seen", 1, false);
        assertThat(buckets.tryReturningUser("seen")).isTrue();
        assertThat(buckets.tryReturningUser("seen")).isTrue();
        assertThat(buckets.tryReturningUser("seen")).as("two at once, one more every 30 s").isFalse();

        buckets.finishReturningUser("seen", true);
        assertThat(buckets.tryReturningUser("seen")).as("a token that proved good gave its charge back").isTrue();
        buckets.finishReturningUser("seen", false);
        assertThat(buckets.tryReturningUser("seen")).as("a bad one keeps it").isFalse();
    }

    @Test
    void pastItsBudgetAnAddressHasABoundedNumberOfLocalSignatureChecks() {
        var budget = buckets.address("203.0.113.99");

        assertThat(IntStream.range(0, 300).filter(i -> budget.tryLocalCheck()).count()).isEqualTo(200);
    }

    @Test
    void allLanesTogetherAreBoundedWhateverTheIdsAnAttackerKnows() {
        IntStream.range(0, 100).forEach(i -> buckets.chargeUser("known-" + i, 1, false));

        long checked = IntStream.range(0, 100).filter(i -> buckets.tryReturningUser("known-" + i)).count();

        assertThat(checked).as("the instance's 20 at once").isEqualTo(20);
    }

    /** 100,000 addresses and 100,000 users, against ISSUEGRAPH_RATE_LIMIT_MEMORY of 4 MB. */
    @Test
    void noNumberOfAddressesOrUsersTakesMoreThanTheMemoryGiven() {
        long before = usedHeap();
        for (int i = 0; i < 100_000; i++) {
            buckets.address(String.format("%016x/64", 0x20010db800000000L + ((long) i << 12))).tryStart();
            buckets.address("10." + (i >> 16) + "." + (i >> 8 & 255) + "." + (i & 255)).tryStart();
            buckets.chargeUser(UUID.randomUUID().toString(), 1, false);
        }
        long grown = usedHeap() - before;

        assertThat(grown).as("bytes the buckets took").isLessThan(DataSize.ofMegabytes(4).toBytes());
        assertThat(grown).as("and they are held, not dropped at once").isGreaterThan(DataSize.ofMegabytes(1).toBytes());
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
