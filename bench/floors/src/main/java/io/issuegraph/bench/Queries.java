package io.issuegraph.bench;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * The statements issuegraph's {@code IssueRepository} sends for each workload, written out, and the
 * page they make (the JSON shape of the GraphQL answer's {@code data}).
 */
final class Queries {

    static final int PAGE_SIZE = 20;

    private static final String COLUMNS =
            "id, title, status, assignee_id, assignee_name, assignee_email, created_at, updated_at";
    private static final Map<String, String> STATUS_NAMES =
            Map.of("to-do", "TODO", "in progress", "IN_PROGRESS", "done", "DONE");
    private static final String CURSOR_PREFIX = "issue:CREATED_AT:DESC:";

    record Assignee(String name, String email) {
    }

    record Issue(String id, String title, String status, Assignee assignee, OffsetDateTime createdAt) {
    }

    record Edge(Issue node) {
    }

    record PageInfo(boolean hasNextPage, String endCursor) {
    }

    record Page(List<Edge> edges, PageInfo pageInfo) {
    }

    private final JdbcClient jdbc;

    Queries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest issues after the cursor (null: the first page), plus one to tell whether more follow. */
    Page list(String after) {
        if (after == null) {
            return page(jdbc.sql("SELECT " + COLUMNS + " FROM issues ORDER BY id DESC LIMIT :limit")
                    .param("limit", PAGE_SIZE + 1).query(Queries::issue).list());
        }
        return page(jdbc.sql("SELECT " + COLUMNS + " FROM issues WHERE id < :after ORDER BY id DESC LIMIT :limit")
                .param("after", decode(after)).param("limit", PAGE_SIZE + 1).query(Queries::issue).list());
    }

    /** {@code filter: {search: …}}, newest first: every word a required prefix, as issuegraph asks InnoDB. */
    Page search(String words) {
        String query = Stream.of(words.split(" ")).map(word -> "+" + word + "*").collect(Collectors.joining(" "));
        return page(jdbc.sql("SELECT " + COLUMNS + " FROM issues WHERE MATCH (title) AGAINST (:query IN BOOLEAN MODE)"
                        + " ORDER BY id DESC LIMIT :limit")
                .param("query", query).param("limit", PAGE_SIZE + 1).query(Queries::issue).list());
    }

    /** {@code orderBy: {field: UPDATED_AT, direction: DESC}}: the first page of the recently changed. */
    Page changed() {
        return page(jdbc.sql("SELECT " + COLUMNS + " FROM issues ORDER BY updated_at DESC, id DESC LIMIT :limit")
                .param("limit", PAGE_SIZE + 1).query(Queries::issue).list());
    }

    /** {@code status: [TODO, IN_PROGRESS], assignedToMe: true}: one index range per status, merged. */
    Page filtered(String userId) {
        String branch = "SELECT " + COLUMNS + " FROM issues FORCE INDEX (issues_assignee_status_id) WHERE status = :%s"
                + " AND assignee_id = :assigneeId ORDER BY id DESC LIMIT :limit";
        return page(jdbc.sql("(" + branch.formatted("status0") + ") UNION ALL (" + branch.formatted("status1")
                + ") ORDER BY id DESC LIMIT :limit")
                .param("assigneeId", userId).param("status0", "to-do").param("status1", "in progress")
                .param("limit", PAGE_SIZE + 1).query(Queries::issue).list());
    }

    /** {@code totalCount} of the unfiltered list. */
    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM issues WHERE status IN (:statuses)")
                .param("statuses", List.of("to-do", "in progress", "done")).query(Long.class).single();
    }

    /** The insert alone: the least a create can cost. */
    Issue create(BenchUser user, String title) {
        var keys = new GeneratedKeyHolder();
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        jdbc.sql("""
                INSERT INTO issues (title, status, assignee_id, assignee_name, assignee_email, created_at, updated_at)
                VALUES (:title, :status, :assigneeId, :assigneeName, :assigneeEmail, :now, :now)""")
                .param("title", title).param("status", "to-do").param("assigneeId", user.id())
                .param("assigneeName", user.name()).param("assigneeEmail", user.email())
                .param("now", now.toString())
                .update(keys, "id");
        return new Issue(keys.getKeyAs(Number.class).toString(), title, "TODO",
                new Assignee(user.name(), user.email()), now.atOffset(ZoneOffset.UTC));
    }

    private static Page page(List<Issue> found) {
        List<Edge> edges = found.stream().limit(PAGE_SIZE).map(Edge::new).toList();
        return new Page(edges, new PageInfo(found.size() > PAGE_SIZE,
                edges.isEmpty() ? null : encode(edges.get(edges.size() - 1).node().id())));
    }

    private static String encode(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR_PREFIX + id).getBytes(StandardCharsets.UTF_8));
    }

    private static long decode(String cursor) {
        return Long.parseLong(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                .substring(CURSOR_PREFIX.length()));
    }

    private static Issue issue(ResultSet row, int rowNumber) throws SQLException {
        return new Issue(Long.toString(row.getLong("id")), row.getString("title"), STATUS_NAMES.get(row.getString("status")),
                new Assignee(row.getString("assignee_name"), row.getString("assignee_email")),
                row.getObject("created_at", LocalDateTime.class).atOffset(ZoneOffset.UTC));
    }
}
