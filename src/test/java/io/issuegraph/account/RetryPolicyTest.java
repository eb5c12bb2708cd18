package io.issuegraph.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.gotrue.UserDeletionOutcome;
import io.issuegraph.gotrue.UserDeletionOutcome.Outcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RetryPolicyTest {

    private static final Duration INITIAL = Duration.ofSeconds(5);
    private static final Duration MAX = Duration.ofMinutes(10);

    private final RetryPolicy policy = new RetryPolicy(new AccountDeletionProperties(Duration.ofSeconds(1), INITIAL, MAX,
            Duration.ofSeconds(30), Duration.ofSeconds(1)));

    @Test
    void doublesTheWaitAfterEachFailure() {
        var unavailable = new UserDeletionOutcome(Outcome.UNAVAILABLE, "HTTP 503");
        assertThat(policy.waitAfter(unavailable, 0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.waitAfter(unavailable, 1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.waitAfter(unavailable, 2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(policy.waitAfter(unavailable, 6)).isEqualTo(Duration.ofSeconds(320));
    }

    @Test
    void neverWaitsLongerThanTheMaximumNorOverflows() {
        var unavailable = new UserDeletionOutcome(Outcome.UNAVAILABLE, "timeout");
        assertThat(policy.waitAfter(unavailable, 7)).isEqualTo(MAX);
        assertThat(policy.waitAfter(unavailable, 63)).isEqualTo(MAX);
        assertThat(policy.waitAfter(unavailable, Integer.MAX_VALUE)).isEqualTo(MAX);
    }

    @ParameterizedTest
    @EnumSource(value = Outcome.class, names = {"ADMIN_REJECTED", "NOT_CONFIGURED"})
    void waitsTheMaximumAtOnceWhenOnlyConfigurationCanHelp(Outcome outcome) {
        assertThat(policy.waitAfter(new UserDeletionOutcome(outcome, "401"), 0)).isEqualTo(MAX);
    }

    @Test
    void otherRefusalsBackOffLikeOutages() {
        assertThat(policy.waitAfter(new UserDeletionOutcome(Outcome.REFUSED, "HTTP 422"), 1)).isEqualTo(Duration.ofSeconds(10));
    }
}
