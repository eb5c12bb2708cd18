package io.issuegraph.issue;

import io.issuegraph.graphql.ApiException;
import io.issuegraph.identity.IdentityUser;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What callers may do with issues, and the rules that go with it. Every write runs in a transaction of
 * the {@link TransactionTemplate}, so that a retry of {@link #create} starts a new one.
 */
@Service
public class IssueService {

    static final int MAX_TITLE_LENGTH = 255;

    private final IssueRepository issues;
    private final ClosedAccountGuard closedAccounts;
    private final Clock clock;
    private final TransactionTemplate transactions;

    IssueService(IssueRepository issues, ClosedAccountGuard closedAccounts, Clock clock,
            TransactionTemplate transactions) {
        this.issues = issues;
        this.transactions = transactions;
        this.closedAccounts = closedAccounts;
        this.clock = clock;
    }

    IssuePage page(IssueCriteria criteria, int first, String after) {
        var request = IssuePage.Request.of(first, after);
        return IssuePage.of(request, issues.findPage(criteria, request.afterId(), request.lookahead()));
    }

    long count(IssueCriteria criteria) {
        return issues.count(criteria);
    }

    IssueCriteria criteria(IssueInputs.IssueFilter filter, IdentityUser caller) {
        if (filter == null) {
            return new IssueCriteria(EnumSet.allOf(IssueStatus.class), null, null);
        }
        return new IssueCriteria(
                filter.status() == null ? EnumSet.allOf(IssueStatus.class) : Set.copyOf(filter.status()),
                Boolean.TRUE.equals(filter.assignedToMe()) ? caller.id() : null,
                filter.assigneeEmail());
    }

    Issue find(String id) {
        Long issueId = parseId(id);
        return issueId == null ? null : issues.findById(issueId).orElse(null);
    }

    /**
     * Creates the issue, then checks under a lock that the caller's account is not being deleted: a
     * deletion committed before wins (nothing is created), and one running at the same time waits for
     * this transaction and then deletes the new issue with the others. When both lock in the opposite
     * order, InnoDB picks one as deadlock victim; retrying it in a new transaction settles the race.
     */
    @Retryable(includes = PessimisticLockingFailureException.class, maxRetries = 3, delay = 20, jitter = 10)
    public Issue create(IssueInputs.CreateIssueInput input, IdentityUser caller) {
        String title = validTitle(input.title());
        IssueStatus status = input.status() == null ? IssueStatus.TODO : input.status();
        var assignee = new Issue.Assignee(caller.id(), caller.name(), caller.email().isEmpty() ? null : caller.email());
        return transactions.execute(transaction -> {
            Issue issue = issues.insert(title, status, assignee, now());
            if (closedAccounts.isClosedForUpdate(caller.id())) {
                throw ApiException.unauthorized("account deleted");
            }
            return issue;
        });
    }

    Issue update(String id, IssueInputs.UpdateIssueInput input, IdentityUser caller) {
        if (input.title() == null && input.status() == null) {
            throw ApiException.badRequest("nothing to change: give a title, a status or both");
        }
        String title = input.title() == null ? null : validTitle(input.title());
        return transactions.execute(transaction -> {
            long issueId = modifiable(id, caller);
            if (!issues.update(issueId, title, input.status(), now())) {
                throw noSuchIssue();
            }
            return issues.findById(issueId).orElseThrow(IssueService::noSuchIssue);
        });
    }

    String delete(String id, IdentityUser caller) {
        return transactions.execute(transaction -> {
            if (!issues.delete(modifiable(id, caller))) {
                throw noSuchIssue();
            }
            return id;
        });
    }

    /**
     * Deletes every issue assigned to the user, as part of closing their account: inside the caller's
     * transaction, which also records the deletion.
     *
     * @return how many issues were deleted
     */
    public int deleteAllAssignedTo(String userId) {
        return transactions.execute(transaction -> issues.deleteAllAssignedTo(userId));
    }

    /** The issue's id, if it exists and the caller may change it: its assignee, or an admin. */
    private long modifiable(String id, IdentityUser caller) {
        Long issueId = parseId(id);
        Issue issue = issueId == null ? null : issues.findById(issueId).orElse(null);
        if (issue == null) {
            throw noSuchIssue();
        }
        if (!caller.isAdmin() && !caller.id().equals(issue.assignee().id())) {
            throw ApiException.forbidden("only the issue's assignee or an admin may change it");
        }
        return issueId;
    }

    private static String validTitle(String title) {
        String stripped = title.strip();
        int length = stripped.codePointCount(0, stripped.length());
        if (length < 1 || length > MAX_TITLE_LENGTH) {
            throw ApiException.badRequest("title must be 1 to " + MAX_TITLE_LENGTH + " characters");
        }
        return stripped;
    }

    private static Long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException notAnIssueId) {
            return null;
        }
    }

    private static ApiException noSuchIssue() {
        return ApiException.notFound("no issue has this id");
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }
}
