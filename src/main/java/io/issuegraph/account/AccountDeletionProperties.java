package io.issuegraph.account;

import io.issuegraph.InvalidConfigurationException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timing of account deletion (environment {@code ISSUEGRAPH_ACCOUNT_DELETION_*}).
 *
 * @param retryPollInterval how often each instance looks for Identity deletions that are due
 * @param initialBackoff wait before the first retry; doubled on each failure
 * @param maxBackoff the longest wait between retries, also used after the admin credential was refused
 * @param claimTimeout how long a claimed deletion stays with an instance that went silent
 * @param revocationRefreshInterval how often each instance reloads the accounts whose tokens it refuses
 */
@ConfigurationProperties("issuegraph.account-deletion")
public record AccountDeletionProperties(
        @DefaultValue("1s") Duration retryPollInterval,
        @DefaultValue("5s") Duration initialBackoff,
        @DefaultValue("10m") Duration maxBackoff,
        @DefaultValue("30s") Duration claimTimeout,
        @DefaultValue("1s") Duration revocationRefreshInterval) {

    public AccountDeletionProperties {
        positive("ISSUEGRAPH_ACCOUNT_DELETION_RETRY_POLL_INTERVAL", retryPollInterval);
        positive("ISSUEGRAPH_ACCOUNT_DELETION_INITIAL_BACKOFF", initialBackoff);
        positive("ISSUEGRAPH_ACCOUNT_DELETION_CLAIM_TIMEOUT", claimTimeout);
        positive("ISSUEGRAPH_ACCOUNT_DELETION_REVOCATION_REFRESH_INTERVAL", revocationRefreshInterval);
        // a maximum below the first wait would silently replace the whole doubling with itself
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new InvalidConfigurationException("ISSUEGRAPH_ACCOUNT_DELETION_MAX_BACKOFF must not be shorter than "
                    + "ISSUEGRAPH_ACCOUNT_DELETION_INITIAL_BACKOFF.");
        }
    }

    private static void positive(String variable, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new InvalidConfigurationException(variable + " must be longer than zero.");
        }
    }
}
