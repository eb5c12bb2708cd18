package io.issuegraph.account;

import io.issuegraph.identity.GoTrueAdminClient;
import io.issuegraph.identity.IdentityDeleteBridge;
import io.issuegraph.identity.IdentityDeletion;
import io.issuegraph.identity.IdentityProperties;
import io.issuegraph.issue.IssueRepository;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes an account without losing anything or leaving anything behind (contract §7.2): first, in one
 * transaction, the durable deletion record and all of the user's issues; then the Identity user, which
 * is retried in the background, by whichever instance claims it, until GoTrue confirms.
 */
@Service
class AccountDeletionService {

    private static final Logger log = LoggerFactory.getLogger(AccountDeletionService.class);
    private static final String RETRYING = "Your issues are deleted; your Identity account will be deleted shortly.";
    private static final String BRIDGE_FAILED = "Your issues are deleted, but your Identity account could not be "
            + "deleted now; ask an administrator of the site to remove it.";

    private final AccountDeletionRepository deletions;
    private final IssueRepository issues;
    private final ClosedAccountRegistry closedAccounts;
    private final GoTrueAdminClient admin;
    private final IdentityDeleteBridge bridge;
    private final AccountDeletionProperties properties;
    private final IdentityProperties identity;
    private final TransactionTemplate transactions;
    private final Clock clock;
    /** Names this instance in claims; unique even for two instances on one host. */
    private final String instance = hostName() + "/" + UUID.randomUUID();

    AccountDeletionService(AccountDeletionRepository deletions, IssueRepository issues,
            ClosedAccountRegistry closedAccounts, GoTrueAdminClient admin, IdentityDeleteBridge bridge,
            AccountDeletionProperties properties, IdentityProperties identity, TransactionTemplate transactions,
            Clock clock) {
        this.deletions = deletions;
        this.issues = issues;
        this.closedAccounts = closedAccounts;
        this.admin = admin;
        this.bridge = bridge;
        this.properties = properties;
        this.identity = identity;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Closes the caller's account. A concurrent {@code createIssue} may deadlock with this transaction;
     * the loser is retried in a new transaction (see {@code IssueService#create}).
     */
    @Retryable(includes = PessimisticLockingFailureException.class, maxRetries = 3, delay = 20, jitter = 10)
    public DeleteMyAccountPayload deleteAccount(String userId, String callerToken) {
        int deletedIssues = transactions.execute(transaction -> {
            Instant now = clock.instant();
            // Retriers leave it to this request unless the instance dies before it is done.
            deletions.record(userId, now, now.plus(properties.claimTimeout()));
            return issues.deleteAllAssignedTo(userId);
        });
        closedAccounts.closedHere(userId);
        boolean useBridge = bridge.isConfigured();
        IdentityDeletion outcome = useBridge ? viaBridge(userId, callerToken) : completeIdentityDeletion(userId);
        String message = outcome.identityGone() ? null : useBridge ? BRIDGE_FAILED : RETRYING;
        return new DeleteMyAccountPayload(deletedIssues, outcome.identityGone(), message);
    }

    /**
     * One attempt at deleting the Identity user of a recorded deletion, if this instance can claim it.
     * Used by the mutation and by the retrier alike.
     */
    IdentityDeletion completeIdentityDeletion(String userId) {
        Optional<IdentityDeletion> notOurs = claim(userId);
        if (notOurs.isPresent()) {
            return notOurs.get();
        }
        IdentityDeletion outcome = admin.deleteUser(userId);
        recordOutcome(userId, outcome);
        return outcome;
    }

    /** The bridge needs the caller's own token, so it is tried during the mutation only, never later. */
    private IdentityDeletion viaBridge(String userId, String callerToken) {
        Optional<IdentityDeletion> notOurs = claim(userId);
        if (notOurs.isPresent()) {
            return notOurs.get();
        }
        Instant now = clock.instant();
        IdentityDeletion outcome = bridge.deleteCaller(callerToken);
        if (outcome.identityGone()) {
            recordOutcome(userId, outcome);
        } else {
            // Not retried with the caller's token, which is not kept. The record stays pending: where an
            // admin credential is configured as well, the retrier finishes it with that.
            log.warn("The Identity delete bridge failed for user {}: {}", userId, outcome.detail());
            deletions.attemptFailed(userId, instance, now, outcome.detail());
        }
        return outcome;
    }

    /** Claims the deletion for this instance; when that is not possible, says where the deletion stands. */
    private Optional<IdentityDeletion> claim(String userId) {
        Instant now = clock.instant();
        if (deletions.claim(userId, instance, now, now.plus(properties.claimTimeout()))) {
            return Optional.empty();
        }
        return Optional.of(deletions.isIdentityDeleted(userId) ? new IdentityDeletion(IdentityDeletion.Outcome.ALREADY_DELETED, "deleted before")
                : new IdentityDeletion(IdentityDeletion.Outcome.UNAVAILABLE, "another request is deleting it now"));
    }

    private void recordOutcome(String userId, IdentityDeletion outcome) {
        Instant now = clock.instant();
        if (outcome.identityGone()) {
            // Tokens issued before the deletion stay valid at GoTrue's end until they expire.
            deletions.identityDeleted(userId, instance, now, now.plus(identity.tokenLifetime()));
            return;
        }
        int failed = deletions.attempts(userId);
        var slowly = outcome.outcome() == IdentityDeletion.Outcome.ADMIN_REJECTED
                || outcome.outcome() == IdentityDeletion.Outcome.NOT_CONFIGURED;
        var wait = slowly ? properties.maxBackoff() : properties.backoff(failed);
        if (slowly) {
            log.error("Identity refused to delete user {} ({}): the admin credential is wrong or missing; check "
                    + "ISSUEGRAPH_IDENTITY_ADMIN_TOKEN / ISSUEGRAPH_IDENTITY_JWT_SECRET. Retrying in {}.",
                    userId, outcome.detail(), wait);
        } else {
            log.warn("Could not delete Identity user {} ({}); retrying in {}.", userId, outcome.detail(), wait);
        }
        deletions.attemptFailed(userId, instance, now.plus(wait), outcome.detail());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException noName) {
            return "instance";
        }
    }
}
