package io.issuegraph.account;

import io.issuegraph.IdentityProperties;
import io.issuegraph.gotrue.GoTrueClient;
import io.issuegraph.gotrue.UserDeletionOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One attempt at deleting the Identity user of a recorded deletion: claim the record for this instance,
 * call GoTrue, record what happened. Used by the mutation and by the retrier alike; the claim makes
 * sure that of several instances only one calls GoTrue for a user at a time.
 */
@Component
class IdentityUserDeleter {

    private static final Logger log = LoggerFactory.getLogger(IdentityUserDeleter.class);

    private final AccountDeletionRepository deletions;
    private final GoTrueClient gotrue;
    private final RetryPolicy retries;
    private final InstanceName instance;
    private final Duration claimTimeout;
    private final Duration tokenRevocation;
    private final Clock clock;

    IdentityUserDeleter(AccountDeletionRepository deletions, GoTrueClient gotrue, RetryPolicy retries,
            InstanceName instance, AccountDeletionProperties properties, IdentityProperties identity, Clock clock) {
        this.deletions = deletions;
        this.gotrue = gotrue;
        this.retries = retries;
        this.instance = instance;
        this.claimTimeout = properties.claimTimeout();
        // Tokens issued before the deletion stay valid at GoTrue's end until they expire, and the
        // verifier accepts them for the clock skew beyond that.
        this.tokenRevocation = identity.tokenLifetime().plus(identity.clockSkew());
        this.clock = clock;
    }

    /** With GoTrue's admin API. */
    UserDeletionOutcome attempt(String userId) {
        if (!claim(userId)) {
            return whereItStands(userId);
        }
        UserDeletionOutcome outcome = gotrue.deleteUser(userId);
        if (outcome.identityGone()) {
            recordDeleted(userId);
        } else {
            int earlierFailures = deletions.attempts(userId);
            Duration wait = retries.waitAfter(outcome, earlierFailures);
            if (outcome.needsConfiguration()) {
                log.error("Identity refused to delete user {} ({}): the admin credential is wrong or missing; check "
                        + "ISSUEGRAPH_IDENTITY_ADMIN_TOKEN / ISSUEGRAPH_IDENTITY_JWT_SECRET. Retrying in {}.",
                        userId, outcome.detail(), wait);
            } else {
                log.warn("Could not delete Identity user {} ({}); retrying in {}.", userId, outcome.detail(), wait);
            }
            deletions.attemptFailed(userId, instance.value(), clock.instant().plus(wait), outcome.detail());
        }
        return outcome;
    }

    /**
     * Identity says the user does not exist (a 404 for their token, e.g. after a bridge call whose answer
     * was lost, or a deletion in the Netlify UI): the pending deletion is done.
     */
    void confirmGone(String userId) {
        Instant now = clock.instant();
        log.info("Identity no longer knows user {}: their pending deletion is done.", userId);
        deletions.identityGoneAnyway(userId, now, now.plus(tokenRevocation));
    }

    /**
     * With the delete bridge, which needs the caller's own token: during the mutation only. Not retried
     * in the background, since the token is not kept; the owner may call {@code deleteMyAccount} again.
     */
    UserDeletionOutcome attemptViaBridge(String userId, String callerToken) {
        if (!claim(userId)) {
            return whereItStands(userId);
        }
        Instant now = clock.instant();
        UserDeletionOutcome outcome = gotrue.deleteViaBridge(userId, callerToken);
        if (outcome.identityGone()) {
            recordDeleted(userId);
        } else {
            // The record stays pending (health shows its age): the owner may call deleteMyAccount again,
            // and where an admin credential is configured as well, the retrier finishes it with that.
            log.warn("The Identity delete bridge failed for user {}: {}", userId, outcome.detail());
            deletions.attemptFailed(userId, instance.value(), now, outcome.detail());
        }
        return outcome;
    }

    private boolean claim(String userId) {
        Instant now = clock.instant();
        return deletions.claim(userId, instance.value(), now, now.plus(claimTimeout));
    }

    /** Where a deletion that this instance could not claim stands. */
    private UserDeletionOutcome whereItStands(String userId) {
        return deletions.isIdentityDeleted(userId)
                ? new UserDeletionOutcome(UserDeletionOutcome.Outcome.ALREADY_DELETED, "deleted before")
                : new UserDeletionOutcome(UserDeletionOutcome.Outcome.UNAVAILABLE, "another request is deleting it now");
    }

    private void recordDeleted(String userId) {
        Instant now = clock.instant();
        deletions.identityDeleted(userId, instance.value(), now, now.plus(tokenRevocation));
    }
}
