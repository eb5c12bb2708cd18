package io.issuegraph.account;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** The background work of account deletion, every interval taken from {@link AccountDeletionProperties}. */
@Configuration(proxyBeanMethods = false)
class AccountDeletionScheduling implements SchedulingConfigurer {

    private final AccountDeletionProperties properties;
    private final AccountDeletionRetrier retrier;
    private final ClosedAccountRegistry closedAccounts;

    AccountDeletionScheduling(AccountDeletionProperties properties, AccountDeletionRetrier retrier,
            ClosedAccountRegistry closedAccounts) {
        this.properties = properties;
        this.retrier = retrier;
        this.closedAccounts = closedAccounts;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(retrier::retryDue, properties.retryPollInterval());
        tasks.addFixedDelayTask(closedAccounts::reload, properties.revocationRefreshInterval());
    }
}
