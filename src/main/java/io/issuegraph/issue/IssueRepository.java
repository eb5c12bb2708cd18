package io.issuegraph.issue;

import io.issuegraph.database.UtcDateTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The {@code issues} table. Plain, parameterised SQL that runs unchanged on MySQL 8.0+, MariaDB 10.6+
 * and Vitess. Times are UTC {@code DATETIME(3)} (see {@link UtcDateTime}), always passed in, so neither
 * the server's nor the JVM's time zone matters.
 */
@Repository
class IssueRepository {

    private static final String COLUMNS =
            "id, title, status, assignee_id, assignee_name, assignee_email, created_at, updated_at";

    private final JdbcClient jdbc;
    private final ClosedAccountGuard closedAccounts;

    IssueRepository(JdbcClient jdbc, ClosedAccountGuard closedAccounts) {
        this.jdbc = jdbc;
        this.closedAccounts = closedAccounts;
    }

    /**
     * Up to {@code limit} issues matching the criteria, newest (highest id) first, after the given id.
     * <p>
     * Unfiltered, that is a walk down the primary key. Filtered, each status is read as its own range of
     * an index ending in {@code (status, id)} and the ranges are merged: every branch stops after
     * {@code limit} rows, so a page costs the same whatever the size of the table. (A single
     * {@code status IN (…)} range cannot be read in id order and would sort every matching row.) The
     * index is named, so that the plan does not depend on the optimizer's guess of how common a value is.
     */
    List<Issue> findPage(IssueCriteria criteria, Long afterId, int limit) {
        if (criteria.statuses().isEmpty()) {
            return List.of();
        }
        List<IssueStatus> statuses = criteria.isUnfiltered() ? List.of() : List.copyOf(criteria.statuses());
        String sql = statuses.isEmpty() ? newestFirst(afterId != null)
                : mergedStatusRanges(criteria, statuses.size(), afterId != null);
        JdbcClient.StatementSpec statement = bindAssignee(jdbc.sql(sql), criteria).param("limit", limit);
        for (int i = 0; i < statuses.size(); i++) {
            statement = statement.param("status" + i, statuses.get(i).databaseValue());
        }
        if (afterId != null) {
            statement = statement.param("after", afterId);
        }
        return statement.query(IssueRepository::issue).list();
    }

    private static String newestFirst(boolean after) {
        return "SELECT " + COLUMNS + " FROM issues" + (after ? " WHERE id < :after" : "") + " ORDER BY id DESC LIMIT :limit";
    }

    private static String mergedStatusRanges(IssueCriteria criteria, int statusCount, boolean after) {
        List<String> branches = new ArrayList<>();
        for (int i = 0; i < statusCount; i++) {
            branches.add("SELECT " + COLUMNS + " FROM issues FORCE INDEX (" + index(criteria) + ") WHERE status = :status" + i
                    + assigneeConditions(criteria) + (after ? " AND id < :after" : "") + " ORDER BY id DESC LIMIT :limit");
        }
        return branches.size() == 1 ? branches.get(0)
                : branches.stream().map(branch -> "(" + branch + ")").collect(Collectors.joining(" UNION ALL "))
                        + " ORDER BY id DESC LIMIT :limit";
    }

    /** The index whose leading columns the criteria fix (see V1__issues.sql). */
    private static String index(IssueCriteria criteria) {
        if (criteria.assigneeId() != null) {
            return "issues_assignee_status_id";
        }
        return criteria.assigneeEmail() != null ? "issues_assignee_email_status_id" : "issues_status_id";
    }

    long count(IssueCriteria criteria) {
        if (criteria.statuses().isEmpty()) {
            return 0;
        }
        String sql = "SELECT COUNT(*) FROM issues WHERE status IN (:statuses)" + assigneeConditions(criteria);
        return bindAssignee(jdbc.sql(sql), criteria)
                .param("statuses", criteria.statuses().stream().map(IssueStatus::databaseValue).toList())
                .query(Long.class).single();
    }

    List<Issue> findAll(Collection<Long> ids) {
        return ids.isEmpty() ? List.of()
                : jdbc.sql("SELECT " + COLUMNS + " FROM issues WHERE id IN (:ids)").param("ids", ids).query(IssueRepository::issue).list();
    }

    Optional<Issue> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM issues WHERE id = :id").param("id", id)
                .query(IssueRepository::issue).optional();
    }

    /** An issue created with an idempotency key, and the fingerprint of the request that created it. */
    record KeyedIssue(Issue issue, String fingerprint) {
    }

    /**
     * Inserts the issue in one statement, unless the assignee's account is closed. The statement's read
     * of the deletion record (the guard's condition) is a locking read under REPEATABLE READ, as in every
     * {@code INSERT … SELECT}: a deletion of the account being written is waited for, and one that starts
     * later waits for this insert and then deletes the new issue with the others. So no issue is ever
     * left for a closed account, without a transaction of several statements.
     * <p>
     * With an idempotency key that the assignee used before, the unique index refuses the insert (a
     * concurrent insert with the same key is waited for): {@link DuplicateKeyException}.
     *
     * @return the new issue; empty when the account is closed
     */
    Optional<Issue> insertForOpenAccount(String title, IssueStatus status, Issue.Assignee assignee, OffsetDateTime now,
            IdempotencyKey key) {
        var keys = new GeneratedKeyHolder();
        int inserted = jdbc.sql("""
                INSERT INTO issues (title, status, assignee_id, assignee_name, assignee_email, created_at, updated_at,
                                    idempotency_key, idempotency_fingerprint)
                SELECT :title, :status, :assigneeId, :assigneeName, :assigneeEmail, :now, :now, :key, :fingerprint
                FROM DUAL
                WHERE\s""" + closedAccounts.openAccountCondition("assigneeId"))
                .param("title", title)
                .param("status", status.databaseValue())
                .param("assigneeId", assignee.id())
                .param("assigneeName", assignee.name())
                .param("assigneeEmail", assignee.email())
                .param("now", UtcDateTime.toSql(now))
                .param("key", key == null ? null : key.value())
                .param("fingerprint", key == null ? null : key.fingerprint())
                .update(keys, "id");
        return inserted == 0 ? Optional.empty()
                : Optional.of(new Issue(keys.getKeyAs(Number.class).longValue(), title, status, assignee, now, now));
    }

    Optional<KeyedIssue> findByIdempotencyKey(String assigneeId, String key) {
        return jdbc.sql("SELECT " + COLUMNS + ", idempotency_fingerprint FROM issues"
                        + " WHERE assignee_id = :assigneeId AND idempotency_key = :key")
                .param("assigneeId", assigneeId)
                .param("key", key)
                .query((row, n) -> new KeyedIssue(issue(row, n), row.getString("idempotency_fingerprint"))).optional();
    }

    /**
     * Changes what is given (null keeps the column). {@code updated_at} moves forward on every change,
     * even two within one millisecond.
     *
     * @return whether the issue still existed
     */
    boolean update(long id, String title, IssueStatus status, OffsetDateTime now) {
        return jdbc.sql("""
                UPDATE issues
                SET title = COALESCE(:title, title),
                    status = COALESCE(:status, status),
                    updated_at = GREATEST(:now, DATE_ADD(updated_at, INTERVAL 1000 MICROSECOND))
                WHERE id = :id""")
                .param("title", title)
                .param("status", status == null ? null : status.databaseValue())
                .param("now", UtcDateTime.toSql(now))
                .param("id", id)
                .update() == 1;
    }

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM issues WHERE id = :id").param("id", id).update() == 1;
    }

    /** Deletes every issue assigned to the user; part of closing their account. */
    int deleteAllAssignedTo(String assigneeId) {
        return jdbc.sql("DELETE FROM issues WHERE assignee_id = :assigneeId").param("assigneeId", assigneeId).update();
    }

    private static String assigneeConditions(IssueCriteria criteria) {
        return (criteria.assigneeId() != null ? " AND assignee_id = :assigneeId" : "")
                + (criteria.assigneeEmail() != null ? " AND assignee_email = :assigneeEmail" : "");
    }

    private static JdbcClient.StatementSpec bindAssignee(JdbcClient.StatementSpec statement, IssueCriteria criteria) {
        if (criteria.assigneeId() != null) {
            statement = statement.param("assigneeId", criteria.assigneeId());
        }
        if (criteria.assigneeEmail() != null) {
            statement = statement.param("assigneeEmail", criteria.assigneeEmail());
        }
        return statement;
    }

    private static Issue issue(ResultSet row, int rowNumber) throws SQLException {
        return new Issue(row.getLong("id"), row.getString("title"), IssueStatus.fromDatabase(row.getString("status")),
                new Issue.Assignee(row.getString("assignee_id"), row.getString("assignee_name"),
                        row.getString("assignee_email")),
                UtcDateTime.fromSql(row.getObject("created_at", LocalDateTime.class)),
                UtcDateTime.fromSql(row.getObject("updated_at", LocalDateTime.class)));
    }

}
