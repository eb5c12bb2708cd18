package io.issuegraph.account;

import io.issuegraph.gotrue.GoTrueClient;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Pending Identity deletions, how long the oldest has waited, and the last reason one failed, e.g. a
 * refused admin credential. Stays
 * UP: users are served all the same, and taking instances out of rotation would not help.
 */
@Component("accountDeletions")
class AccountDeletionsHealthIndicator implements HealthIndicator {

    private final AccountDeletionRepository deletions;
    private final GoTrueClient gotrue;
    private final Clock clock;

    AccountDeletionsHealthIndicator(AccountDeletionRepository deletions, GoTrueClient gotrue, Clock clock) {
        this.deletions = deletions;
        this.gotrue = gotrue;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up()
                .withDetail("pending", deletions.pendingCount())
                .withDetail("adminApiConfigured", gotrue.hasAdminApi())
                // false: nothing configured can delete Identity users; an administrator must (docs/operations.md#deleting-an-account)
                .withDetail("identityUsersDeletable", gotrue.canDeleteIdentityUsers());
        deletions.lastPendingError().ifPresent(error -> health.withDetail("lastError", error));
        // A bridge deletion is only retried when its owner calls again: an operator may have to act.
        deletions.oldestPendingRequestedAt().ifPresent(oldest -> health.withDetail("oldestPendingSince", oldest.toString())
                .withDetail("oldestPendingAge", Duration.between(oldest, clock.instant()).withNanos(0).toString()));
        return health.build();
    }
}
