package io.issuegraph.issue;

import io.issuegraph.database.InLists;
import io.issuegraph.database.UtcDateTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code issue_events} table, the outbox of live updates (docs/live-updates.md): written by
 * {@link IssueService} in the transaction of each change, read by every instance. Plain SQL for MySQL
 * 8.0+, MariaDB 10.6+ and Vitess; every read is a range of the primary key or of {@code created_at}.
 */
@Repository
public class IssueEventOutbox {

    private static final String COLUMNS =
            "id, issue_id, kind, status, previous_status, assignee_id, assignee_email, created_at";

    private final JdbcClient jdbc;

    IssueEventOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a change of this issue, inside the caller's transaction and after the change itself. */
    void record(IssueEvent.Kind kind, Issue issue, IssueStatus previousStatus, OffsetDateTime now) {
        jdbc.sql("INSERT INTO issue_events (issue_id, kind, status, previous_status, assignee_id, assignee_email, created_at)"
                        + " VALUES (:issueId, :kind, :status, :previous, :assigneeId, :assigneeEmail, :now)")
                .param("issueId", issue.id())
                .param("kind", kind.name())
                .param("status", issue.status().databaseValue())
                .param("previous", previousStatus == null ? null : previousStatus.databaseValue())
                .param("assigneeId", issue.assignee().id())
                .param("assigneeEmail", issue.assignee().email())
                .param("now", UtcDateTime.toSql(now))
                .update();
    }

    /** A DELETED event for each issue of the user, before {@code deleteAllAssignedTo} removes them. */
    int recordDeletionOfAllAssignedTo(String assigneeId, OffsetDateTime now) {
        return jdbc.sql("INSERT INTO issue_events (issue_id, kind, status, assignee_id, assignee_email, created_at)"
                        + " SELECT id, 'DELETED', status, assignee_id, assignee_email, :now FROM issues"
                        + " WHERE assignee_id = :assigneeId")
                .param("assigneeId", assigneeId)
                .param("now", UtcDateTime.toSql(now))
                .update();
    }

    /**
     * Removes the user's email from every event of theirs, those just written included, as their account
     * closes: their issues go with their email (docs/account-deletion.md), and so does the outbox's copy.
     */
    void forgetEmailOf(String assigneeId) {
        jdbc.sql("UPDATE issue_events SET assignee_email = NULL WHERE assignee_id = :assigneeId AND assignee_email IS NOT NULL")
                .param("assigneeId", assigneeId)
                .update();
    }

    /** Up to {@code limit} events after the given id, in id order. */
    public List<IssueEvent> after(long id, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM issue_events WHERE id > :id ORDER BY id LIMIT :limit")
                .param("id", id).param("limit", limit).query(IssueEventOutbox::event).list();
    }

    public List<IssueEvent> byIds(Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : jdbc.sql("SELECT " + COLUMNS + " FROM issue_events WHERE id IN (:ids) ORDER BY id")
                .param("ids", InLists.padded(ids)).query(IssueEventOutbox::event).list();
    }

    /** The newest id, or 0 when there is none: where an instance that starts now begins to read. */
    public long newestId() {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM issue_events").query(Long.class).single();
    }

    /** Deletes up to {@code limit} events older than the given time (by id: DELETE … LIMIT is not portable). */
    public int pruneBefore(OffsetDateTime before, int limit) {
        List<Long> old = jdbc.sql("SELECT id FROM issue_events WHERE created_at < :before ORDER BY id LIMIT :limit")
                .param("before", UtcDateTime.toSql(before)).param("limit", limit).query(Long.class).list();
        return old.isEmpty() ? 0 : jdbc.sql("DELETE FROM issue_events WHERE id IN (:ids)").param("ids", InLists.padded(old)).update();
    }

    private static IssueEvent event(ResultSet row, int rowNumber) throws SQLException {
        String previous = row.getString("previous_status");
        return new IssueEvent(row.getLong("id"), row.getLong("issue_id"), IssueEvent.Kind.valueOf(row.getString("kind")),
                IssueStatus.fromDatabase(row.getString("status")), previous == null ? null : IssueStatus.fromDatabase(previous),
                row.getString("assignee_id"), row.getString("assignee_email"),
                UtcDateTime.fromSql(row.getObject("created_at", LocalDateTime.class)));
    }
}
