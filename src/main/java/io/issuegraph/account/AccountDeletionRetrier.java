package io.issuegraph.account;

import io.issuegraph.identity.GoTrueAdminClient;
import java.time.Clock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finishes Identity deletions that the mutation could not (GoTrue slow, down or failing), on every
 * instance, from the database: a restart loses nothing, and claims keep two instances from both
 * deleting the same user.
 */
@Component
class AccountDeletionRetrier {

    private static final int BATCH = 20;

    private final AccountDeletionRepository deletions;
    private final AccountDeletionService service;
    private final GoTrueAdminClient admin;
    private final Clock clock;

    AccountDeletionRetrier(AccountDeletionRepository deletions, AccountDeletionService service,
            GoTrueAdminClient admin, Clock clock) {
        this.deletions = deletions;
        this.service = service;
        this.admin = admin;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${issuegraph.account-deletion.retry-poll-interval:1s}")
    void retryDue() {
        if (!admin.isConfigured()) {
            return; // nothing to retry with; the health report shows the pending deletions
        }
        deletions.due(clock.instant(), BATCH).forEach(service::completeIdentityDeletion);
    }
}
