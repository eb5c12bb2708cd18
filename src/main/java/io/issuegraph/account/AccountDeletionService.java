package io.issuegraph.account;

import io.issuegraph.gotrue.GoTrueClient;
import io.issuegraph.gotrue.UserDeletionOutcome;
import io.issuegraph.issue.IssueService;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Closes an account without losing anything or leaving anything behind (docs/account-deletion.md#order-of-steps): first, in one
 * transaction, the durable deletion record and all of the user's issues; then one attempt at deleting
 * the Identity user, which the retrier repeats in the background, on any instance, until GoTrue confirms.
 */
@Service
class AccountDeletionService {

    private static final String RETRYING = "Your issues are deleted; your Identity account will be deleted shortly.";
    private static final String BRIDGE_FAILED = "Your issues are deleted, but your Identity account could not be "
            + "deleted now; call deleteMyAccount again later to finish.";
    private static final String BY_AN_ADMINISTRATOR = "Your issues are deleted. This server cannot delete Identity "
            + "accounts: ask an administrator of the site to remove yours.";

    private final AccountDeletionRepository deletions;
    private final IssueService issues;
    private final ClosedAccountsInMemory closedAccounts;
    private final IdentityUserDeleter identityUsers;
    private final GoTrueClient gotrue;
    private final AccountDeletionProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AccountDeletionService(AccountDeletionRepository deletions, IssueService issues,
            ClosedAccountsInMemory closedAccounts, IdentityUserDeleter identityUsers, GoTrueClient gotrue,
            AccountDeletionProperties properties, TransactionTemplate transactions, Clock clock) {
        this.deletions = deletions;
        this.issues = issues;
        this.closedAccounts = closedAccounts;
        this.identityUsers = identityUsers;
        this.gotrue = gotrue;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
        if (!gotrue.canDeleteIdentityUsers()) {
            LoggerFactory.getLogger(AccountDeletionService.class).warn("Identity users cannot be deleted with this "
                    + "configuration: deleteMyAccount deletes the issues and asks the user to have an administrator "
                    + "remove the Identity account. Set ISSUEGRAPH_IDENTITY_URL with ISSUEGRAPH_IDENTITY_ADMIN_TOKEN "
                    + "or ISSUEGRAPH_IDENTITY_JWT_SECRET, or the delete bridge (ISSUEGRAPH_IDENTITY_DELETE_BRIDGE_URL "
                    + "and _SECRET) for Netlify-hosted Identity.");
        }
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
        if (!gotrue.canDeleteIdentityUsers()) {
            // Stays pending (health shows it): configured later, the retrier finishes it.
            return new DeleteMyAccountPayload(deletedIssues, false, BY_AN_ADMINISTRATOR);
        }
        boolean useBridge = gotrue.hasDeleteBridge();
        UserDeletionOutcome outcome = useBridge ? identityUsers.attemptViaBridge(userId, callerToken)
                : identityUsers.attempt(userId);
        if (outcome.identityGone()) {
            closedAccounts.identityGoneHere(userId);
        }
        String message = outcome.identityGone() ? null : useBridge ? BRIDGE_FAILED : RETRYING;
        return new DeleteMyAccountPayload(deletedIssues, outcome.identityGone(), message);
    }
}
