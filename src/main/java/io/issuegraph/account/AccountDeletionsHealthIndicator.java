package io.issuegraph.account;

import io.issuegraph.gotrue.GoTrueClient;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Pending Identity deletions and the last reason one failed, e.g. a refused admin credential. Stays
 * UP: users are served all the same, and taking instances out of rotation would not help.
 */
@Component("accountDeletions")
class AccountDeletionsHealthIndicator implements HealthIndicator {

    private final AccountDeletionRepository deletions;
    private final GoTrueClient gotrue;

    AccountDeletionsHealthIndicator(AccountDeletionRepository deletions, GoTrueClient gotrue) {
        this.deletions = deletions;
        this.gotrue = gotrue;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up()
                .withDetail("pending", deletions.pendingCount())
                .withDetail("adminApiConfigured", gotrue.canDeleteUsers());
        deletions.lastPendingError().ifPresent(error -> health.withDetail("lastError", error));
        return health.build();
    }
}
