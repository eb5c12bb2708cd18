package io.issuegraph.account;

import io.issuegraph.JobThreads;
import io.issuegraph.database.OutageTolerantJob;
import java.util.List;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The background work of account deletion, every interval taken from {@link AccountDeletionProperties},
 * each job on a thread of its own: a retrier waiting on a hanging GoTrue must never hold up the
 * revocation refresh, which is what makes another instance's deletion count here within a second.
 * (Spring's shared scheduler has one thread.) Through a database outage both keep their state and
 * resume when it is back: the pending deletions are rows, claimed before each attempt, and the
 * revocation list stays as last loaded.
 */
@Component
class AccountDeletionScheduling implements SmartLifecycle {

    private final AccountDeletionProperties properties;
    private final AccountDeletionRetrier retrier;
    private final ClosedAccountsInMemory closedAccounts;
    private volatile List<ThreadPoolTaskScheduler> running = List.of();

    AccountDeletionScheduling(AccountDeletionProperties properties, AccountDeletionRetrier retrier,
            ClosedAccountsInMemory closedAccounts) {
        this.properties = properties;
        this.retrier = retrier;
        this.closedAccounts = closedAccounts;
    }

    @Override
    public void start() {
        running = List.of(
                JobThreads.every(properties.revocationRefreshInterval(), "revocation-refresh",
                        new OutageTolerantJob("The revocation refresh", closedAccounts::reload)),
                JobThreads.every(properties.retryPollInterval(), "deletion-retries",
                        new OutageTolerantJob("The account deletion retrier", retrier::retryDue)));
    }

    @Override
    public void stop() {
        running.forEach(ThreadPoolTaskScheduler::shutdown);
        running = List.of();
    }

    @Override
    public boolean isRunning() {
        return !running.isEmpty();
    }
}
