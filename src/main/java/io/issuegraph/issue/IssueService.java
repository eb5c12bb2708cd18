package io.issuegraph.issue;

import io.issuegraph.graphql.ApiException;
import io.issuegraph.identity.ClosedAccounts;
import io.issuegraph.identity.IdentityUser;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.Set;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What callers may do with issues, and the rules that go with it. Every write runs in a transaction of
 * the {@link TransactionTemplate} that also records its event in the outbox ({@link IssueEventOutbox}), after
 * the change itself: the change's row lock is then taken before the event's id, so the events of one
 * issue have ids in the order their changes committed (docs/live-updates.md#guarantees).
 */
@Service
public class IssueService {

    static final int MAX_TITLE_LENGTH = 255;
    /** Issues read at a time by {@link #allAssignedTo}. */
    static final int BATCH = 500;

    private final IssueRepository issues;
    private final IssueEventOutbox events;
    private final Clock clock;
    private final TransactionTemplate transactions;

    IssueService(IssueRepository issues, IssueEventOutbox events, Clock clock, TransactionTemplate transactions) {
        this.issues = issues;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    IssuePage page(IssueCriteria criteria, int first, String after, IssueOrder order) {
        var request = IssuePage.Request.of(first, after, order);
        return IssuePage.of(request, issues.findPage(criteria, order, request.after(), request.lookahead()));
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
                filter.assigneeEmail(),
                IssueSearch.of(filter.search()),
                filter.updatedAfter());
    }

    /** How many of the largest pages the user's issues fill, at least one: what paging through them costs. */
    public long pagesAssignedTo(String userId) {
        long count = issues.count(new IssueCriteria(EnumSet.allOf(IssueStatus.class), userId, null));
        return Math.max(1, (count + IssuePage.MAX_SIZE - 1) / IssuePage.MAX_SIZE);
    }

    /**
     * Every issue assigned to the user, oldest first, read {@value #BATCH} at a time as the stream is
     * consumed: no more than a batch is in memory, and no connection is held while the consumer works (a
     * download may be slow).
     */
    public Stream<Issue> allAssignedTo(String userId) {
        return Stream.iterate(issues.findAssignedTo(userId, 0, BATCH), batch -> !batch.isEmpty(),
                batch -> batch.size() < BATCH ? List.of() : issues.findAssignedTo(userId, batch.get(batch.size() - 1).id(), BATCH))
                .flatMap(List::stream);
    }

    Issue find(String id) {
        Long issueId = parseId(id);
        return issueId == null ? null : issues.findById(issueId).orElse(null);
    }

    /** The issues with these ids that still exist, by id: one query. */
    public Map<Long, Issue> findAll(Collection<Long> ids) {
        return issues.findAll(ids).stream().collect(Collectors.toMap(Issue::id, Function.identity()));
    }

    /**
     * Which events a subscription with this filter gets: the filter means what it means for
     * {@code issues}, and an event counts when the issue matched it before the change or after it, so
     * that a page also learns of an issue that left its filter.
     */
    public Predicate<IssueEvent> eventFilter(IssueInputs.IssueFilter filter, IdentityUser caller) {
        IssueCriteria criteria = criteria(filter, caller);
        if (criteria.search() != null || criteria.updatedAfter() != null) {
            // An event carries no title, and every event is a change after the subscription began.
            throw ApiException.badRequest("issueEvents filters by status and assignee only: search and updatedAfter "
                    + "are for issues");
        }
        return event -> (criteria.assigneeId() == null || criteria.assigneeId().equals(event.assigneeId()))
                && (criteria.assigneeEmail() == null || criteria.assigneeEmail().equals(event.assigneeEmail()))
                && (criteria.statuses().contains(event.status())
                        || event.previousStatus() != null && criteria.statuses().contains(event.previousStatus()));
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
        return transactions.execute(transaction -> {
            OffsetDateTime now = now();
            Issue created = issues.insertForOpenAccount(title, status, assignee, now, key)
                    .orElseThrow(() -> ApiException.unauthorized(ClosedAccounts.ACCOUNT_DELETED));
            events.record(IssueEvent.Kind.CREATED, created, null, now);
            return created;
        });
    }

    Issue update(String id, IssueInputs.UpdateIssueInput input, IdentityUser caller) {
        if (input.title() == null && input.status() == null) {
            throw ApiException.badRequest("nothing to change: give a title, a status or both");
        }
        String title = input.title() == null ? null : validTitle(input.title());
        return transactions.execute(transaction -> {
            Issue before = modifiable(id, caller);
            OffsetDateTime now = now();
            if (!issues.update(before.id(), title, input.status(), now)) {
                throw noSuchIssue();
            }
            Issue after = issues.findById(before.id()).orElseThrow(IssueService::noSuchIssue);
            events.record(IssueEvent.Kind.UPDATED, after, before.status(), now);
            return after;
        });
    }

    String delete(String id, IdentityUser caller) {
        return transactions.execute(transaction -> {
            Issue deleted = modifiable(id, caller);
            if (!issues.delete(deleted.id())) {
                throw noSuchIssue();
            }
            events.record(IssueEvent.Kind.DELETED, deleted, null, now());
            return id;
        });
    }

    /**
     * Deletes every issue assigned to the user, as part of closing their account, with a DELETED event
     * for each, and their email out of every event: inside the caller's transaction, which also records
     * the deletion.
     *
     * @return how many issues were deleted
     */
    public int deleteAllAssignedTo(String userId) {
        return transactions.execute(transaction -> {
            events.recordDeletionOfAllAssignedTo(userId, now());
            events.forgetEmailOf(userId);
            return issues.deleteAllAssignedTo(userId);
        });
    }

    /** The issue, if it exists and the caller may change it. */
    private Issue modifiable(String id, IdentityUser caller) {
        Long issueId = parseId(id);
        Issue issue = issueId == null ? null : issues.findById(issueId).orElse(null);
        if (issue == null) {
            throw noSuchIssue();
        }
        if (!ViewerRelation.of(issue, caller).mayChange()) {
            throw ApiException.forbidden("only the issue's assignee or an admin may change it");
        }
        return issue;
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
