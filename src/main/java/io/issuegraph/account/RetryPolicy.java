package io.issuegraph.account;

import io.issuegraph.gotrue.UserDeletionOutcome;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * When a failed Identity deletion is tried again: exponential backoff from the initial wait up to the
 * longest, and at once the longest when only a change of configuration can help.
 */
@Component
class RetryPolicy {

    private final Duration initialBackoff;
    private final Duration maxBackoff;

    RetryPolicy(AccountDeletionProperties properties) {
        this.initialBackoff = properties.initialBackoff();
        this.maxBackoff = properties.maxBackoff();
    }

    Duration waitAfter(UserDeletionOutcome failure, int earlierFailures) {
        if (failure.needsConfiguration()) {
            return maxBackoff;
        }
        Duration wait = initialBackoff.multipliedBy(1L << Math.min(earlierFailures, 20));
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
