package io.issuegraph.issue;

import io.issuegraph.graphql.ApiException;
import io.issuegraph.identity.ClosedAccounts;
import io.issuegraph.identity.IdentityUser;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What callers may do with issues, and the rules that go with it. Writes of several statements run in a
 * transaction of the {@link TransactionTemplate}; {@link #create} is a single statement.
 */
@Service
public class IssueService {

    static final int MAX_TITLE_LENGTH = 255;

    private final IssueRepository issues;
    private final Clock clock;
    private final TransactionTemplate transactions;

    IssueService(IssueRepository issues, Clock clock, TransactionTemplate transactions) {
        this.issues = issues;
        this.transactions = transactions;
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
     * Creates the issue in one statement that also checks that the caller's account is open (see
     * {@link IssueRepository#insertForOpenAccount}). With an idempotency key used before, answers the
     * issue that the first request created, and creates nothing. A lock wait that InnoDB ends as a
     * deadlock is retried.
     */
    @Retryable(includes = PessimisticLockingFailureException.class, maxRetries = 3, delay = 20, jitter = 10)
    public Issue create(IssueInputs.CreateIssueInput input, IdentityUser caller) {
        String title = validTitle(input.title());
        IssueStatus status = input.status() == null ? IssueStatus.TODO : input.status();
        IdempotencyKey key = IdempotencyKey.of(input.idempotencyKey(), title, status);
        var assignee = new Issue.Assignee(caller.id(), caller.name(), caller.email().isEmpty() ? null : caller.email());
        try {
            return insert(title, status, assignee, key);
        } catch (DuplicateKeyException keyUsedBefore) {
            Optional<IssueRepository.KeyedIssue> first = issues.findByIdempotencyKey(caller.id(), key.value());
            // Deleted since: the key is free again.
            return first.isPresent() ? key.replay(first.get()) : insert(title, status, assignee, key);
        }
    }

    private Issue insert(String title, IssueStatus status, Issue.Assignee assignee, IdempotencyKey key) {
        return issues.insertForOpenAccount(title, status, assignee, now(), key)
                .orElseThrow(() -> ApiException.unauthorized(ClosedAccounts.ACCOUNT_DELETED));
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
