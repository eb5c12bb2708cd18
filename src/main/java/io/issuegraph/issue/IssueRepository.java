package io.issuegraph.issue;

import io.issuegraph.database.InLists;
import io.issuegraph.database.UtcDateTime;
import io.issuegraph.database.Utf8Text;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** In the order {@link #issue} reads them by position (by name, the driver looks each one up per row). */
    private static final String COLUMNS =
            "id, title, status, assignee_id, assignee_name, assignee_email, created_at, updated_at";

    private final JdbcClient jdbc;
    private final OpenAccountCondition openAccount;

    IssueRepository(JdbcClient jdbc, OpenAccountCondition openAccount) {
        this.jdbc = jdbc;
        this.openAccount = openAccount;
    }

    /**
     * Up to {@code limit} issues matching the criteria, in the order, after the given position.
     * <p>
     * In the {@code CREATED_AT} order without a search, a page is a walk down the primary key when no status or
     * assignee narrows it; otherwise each status is read as its own range of an index ending in
     * {@code (status, id)} and the ranges are merged: every branch stops after {@code limit} rows, so a page costs
     * the same whatever the size of the table. (A single {@code status IN (…)} range cannot be read in id order and
     * would sort every matching row.) The index is named, so that the plan does not depend on the optimizer's
     * guess of how common a value is. In the {@code UPDATED_AT} order a page walks {@code issues_updated_at_id}
     * from the cursor. A search reads the rows the FULLTEXT index finds, and sorts those.
     */
    List<Issue> findPage(IssueCriteria criteria, IssueOrder order, IssueCursor.Position after, int limit) {
        if (criteria.matchesNothing()) {
            return List.of();
        }
        Query page = pageQuery(criteria, order, after, limit);
        return jdbc.sql(page.sql()).params(page.params()).query(IssueRepository::issue).list();
    }

    /** A statement and its named parameters; the page's is separate from its run so that tests can EXPLAIN it. */
    record Query(String sql, Map<String, Object> params) {
    }

    Query pageQuery(IssueCriteria criteria, IssueOrder order, IssueCursor.Position after, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("limit", limit);
        List<String> conditions = conditions(criteria, params, false);
        if (after != null) {
            conditions.add(keyset(order, after, params));
        }
        String orderBy = " ORDER BY " + order.orderBy() + " LIMIT :limit";
        if (order.field() == IssueOrder.IssueOrderField.UPDATED_AT || criteria.search() != null
                || criteria.allStatuses() && criteria.assigneeId() == null && criteria.assigneeEmail() == null) {
            if (!criteria.allStatuses()) {
                conditions.add(statusIn(criteria, params));
            }
            return new Query("SELECT " + COLUMNS + " FROM issues" + where(conditions) + orderBy, params);
        }
        List<IssueStatus> statuses = List.copyOf(criteria.statuses());
        List<String> branches = new ArrayList<>();
        for (int i = 0; i < statuses.size(); i++) {
            params.put("status" + i, statuses.get(i).databaseValue());
            List<String> branch = new ArrayList<>(conditions);
            branch.add(0, "status = :status" + i);
            branches.add("SELECT " + COLUMNS + " FROM issues FORCE INDEX (" + index(criteria) + ")" + where(branch) + orderBy);
        }
        return new Query(branches.size() == 1 ? branches.get(0)
                : branches.stream().map(branch -> "(" + branch + ")").collect(Collectors.joining(" UNION ALL ")) + orderBy,
                params);
    }

    /** After the cursor's issue in the order: ties of {@code updated_at} are broken by the id. */
    private static String keyset(IssueOrder order, IssueCursor.Position after, Map<String, Object> params) {
        String beyond = order.ascending() ? " > " : " < ";
        params.put("afterId", after.id());
        if (order.field() == IssueOrder.IssueOrderField.CREATED_AT) {
            return "id" + beyond + ":afterId";
        }
        params.put("afterTime", UtcDateTime.toSql(after.updatedAt()));
        return "(updated_at" + beyond + ":afterTime OR updated_at = :afterTime AND id" + beyond + ":afterId)";
    }

    /** The index whose leading columns the criteria fix (see V1__issues.sql). */
    private static String index(IssueCriteria criteria) {
        if (criteria.assigneeId() != null) {
            return "issues_assignee_status_id";
        }
        return criteria.assigneeEmail() != null ? "issues_assignee_email_status_id" : "issues_status_id";
    }

    long count(IssueCriteria criteria) {
        if (criteria.matchesNothing()) {
            return 0;
        }
        Map<String, Object> params = new HashMap<>();
        List<String> conditions = conditions(criteria, params, true);
        return jdbc.sql("SELECT COUNT(*) FROM issues" + where(conditions)).params(params).query(Long.class).single();
    }

    /** A batch of the user's issues, oldest first, after the given id (index {@code issues_assignee_id}). */
    List<Issue> findAssignedTo(String assigneeId, long afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM issues WHERE assignee_id = :assigneeId AND id > :afterId"
                        + " ORDER BY id LIMIT :limit")
                .param("assigneeId", assigneeId).param("afterId", afterId).param("limit", limit)
                .query(IssueRepository::issue).list();
    }

    List<Issue> findAll(Collection<Long> ids) {
        return ids.isEmpty() ? List.of()
                : jdbc.sql("SELECT " + COLUMNS + " FROM issues WHERE id IN (:ids)").param("ids", InLists.padded(ids))
                        .query(IssueRepository::issue).list();
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
                WHERE\s""" + openAccount.sql("assigneeId"))
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

    /**
     * The criteria's conditions but the status, which pages put in each branch of their own; with
     * {@code withStatus}, that too.
     */
    private static List<String> conditions(IssueCriteria criteria, Map<String, Object> params, boolean withStatus) {
        List<String> conditions = new ArrayList<>();
        if (withStatus && !criteria.allStatuses()) {
            conditions.add(statusIn(criteria, params));
        }
        if (criteria.assigneeId() != null) {
            conditions.add("assignee_id = :assigneeId");
            params.put("assigneeId", criteria.assigneeId());
        }
        if (criteria.assigneeEmail() != null) {
            conditions.add("assignee_email = :assigneeEmail");
            params.put("assigneeEmail", criteria.assigneeEmail());
        }
        if (criteria.updatedAfter() != null) {
            // Milliseconds, as stored: a time between two of them is after the earlier one, and so is every row after it.
            conditions.add("updated_at > :updatedAfter");
            params.put("updatedAfter", UtcDateTime.toSql(criteria.updatedAfter()));
        }
        if (criteria.search() != null) {
            conditions.add("MATCH (title) AGAINST (:search IN BOOLEAN MODE)");
            params.put("search", criteria.search().booleanQuery());
            List<String> patterns = criteria.search().likePatterns();
            for (int i = 0; i < patterns.size(); i++) {
                conditions.add("title LIKE :like" + i + " ESCAPE '!'");
                params.put("like" + i, patterns.get(i));
            }
        }
        return conditions;
    }

    private static String statusIn(IssueCriteria criteria, Map<String, Object> params) {
        params.put("statuses", criteria.statuses().stream().map(IssueStatus::databaseValue).toList());
        return "status IN (:statuses)";
    }

    private static String where(List<String> conditions) {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static Issue issue(ResultSet row, int rowNumber) throws SQLException {
        return new Issue(row.getLong(1), Utf8Text.read(row, 2), IssueStatus.fromDatabase(Utf8Text.read(row, 3)),
                new Issue.Assignee(Utf8Text.read(row, 4), Utf8Text.read(row, 5), Utf8Text.read(row, 6)),
                UtcDateTime.fromSql(row.getObject(7, LocalDateTime.class)),
                UtcDateTime.fromSql(row.getObject(8, LocalDateTime.class)));
    }

}
