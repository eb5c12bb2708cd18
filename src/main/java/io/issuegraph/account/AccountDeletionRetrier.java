package io.issuegraph.account;

import io.issuegraph.gotrue.GoTrueClient;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Finishes Identity deletions that the mutation could not (GoTrue slow, down or failing), on every
 * instance, from the database: a restart loses nothing, and claims keep two instances from both
 * deleting the same user. Scheduled by {@link AccountDeletionScheduling}.
 */
@Component
class AccountDeletionRetrier {

    private static final int BATCH = 20;

    private final AccountDeletionRepository deletions;
    private final IdentityUserDeleter identityUsers;
    private final GoTrueClient gotrue;
    private final Clock clock;

    AccountDeletionRetrier(AccountDeletionRepository deletions, IdentityUserDeleter identityUsers,
            GoTrueClient gotrue, Clock clock) {
        this.deletions = deletions;
        this.identityUsers = identityUsers;
        this.gotrue = gotrue;
        this.clock = clock;
    }

    void retryDue() {
        if (!gotrue.hasAdminApi()) {
            return; // nothing to retry with; the health report shows the pending deletions
        }
        deletions.due(clock.instant(), BATCH).forEach(identityUsers::attempt);
    }
}
