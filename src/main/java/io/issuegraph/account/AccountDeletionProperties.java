package io.issuegraph.account;

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
}
