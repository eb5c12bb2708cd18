package io.issuegraph.issue;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.database.UtcDateTime;
import io.issuegraph.issue.IssueOrder.IssueOrderField;
import io.issuegraph.issue.IssueOrder.OrderDirection;
import io.issuegraph.testsupport.IntegrationTest;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A page must cost the same on a small and on a large table, in every order; a search and every order read
 * an index (EXPLAIN). Measured as the rows the storage engine
 * reads ({@code Handler_read_*}, the same on MySQL and MariaDB), not as time: a count does not depend on
 * how busy the machine is, and it shows a missing index as surely as a stopwatch would.
 */
class IssuePageCostTest extends IntegrationTest {

    private static final String ALICE = "11111111-1111-1111-1111-111111111111";
    private static final String BOB = "22222222-2222-2222-2222-222222222222";

    private static final IssueOrder NEWEST = new IssueOrder(IssueOrderField.CREATED_AT, OrderDirection.DESC);
    private static final IssueOrder OLDEST = new IssueOrder(IssueOrderField.CREATED_AT, OrderDirection.ASC);
    private static final IssueOrder CHANGED_FIRST = new IssueOrder(IssueOrderField.UPDATED_AT, OrderDirection.DESC);
    private static final IssueOrder CHANGED_LAST = new IssueOrder(IssueOrderField.UPDATED_AT, OrderDirection.ASC);
    private static final List<IssueOrder> ORDERS = List.of(NEWEST, OLDEST, CHANGED_FIRST, CHANGED_LAST);

    @Autowired
    IssueRepository repository;

    @Autowired
    TransactionTemplate transactions;

    @BeforeAll
    void aThousandIssues() {
        insertIssues(1_000);
    }

    @Test
    void aPageReadsTheSameNumberOfRowsOnAThousandAndOnAHundredThousandIssues() {
        Map<String, Long> small = costs();
        insertIssues(100_000);
        Map<String, Long> large = costs();

        assertThat(large).isEqualTo(small);
        // and a page of 20 reads tens of rows, not thousands
        assertThat(small.values()).allSatisfy(rows -> assertThat(rows).isLessThan(200));
    }

    /** A search reads what the FULLTEXT index finds, and every order walks an index: no plan scans the table. */
    @Test
    void searchAndEveryOrderUseAnIndex() {
        Set<IssueStatus> all = EnumSet.allOf(IssueStatus.class);
        var search = new IssueCriteria(all, null, null, IssueSearch.of("crash of the lo"), null);
        var since = new IssueCriteria(all, null, null, null, OffsetDateTime.now(ZoneOffset.UTC).minusDays(1));
        var middle = middle();
        for (IssueOrder order : ORDERS) {
            assertThat(plan(search, order, null)).as("search, " + order).containsOnly("fulltext issues_title_search");
            assertThat(plan(search, order, middle)).as("search after a cursor, " + order)
                    .containsOnly("fulltext issues_title_search");
        }
        for (IssueCriteria criteria : List.of(new IssueCriteria(all, null, null), since)) {
            assertThat(plan(criteria, NEWEST, null)).isNotEmpty().allMatch(access -> access.endsWith(" PRIMARY"));
            assertThat(plan(criteria, OLDEST, middle)).isNotEmpty().allMatch(access -> access.endsWith(" PRIMARY"));
            assertThat(plan(criteria, CHANGED_FIRST, null)).isNotEmpty().allMatch(access -> access.endsWith(" issues_updated_at_id"));
            assertThat(plan(criteria, CHANGED_LAST, middle)).isNotEmpty().allMatch(access -> access.endsWith(" issues_updated_at_id"));
        }
        assertThat(plan(new IssueCriteria(Set.of(IssueStatus.TODO), null, null), OLDEST, middle))
                .containsOnly("range issues_status_id");
        assertThat(plan(since, CHANGED_LAST, null)).containsOnly("range issues_updated_at_id");
    }

    /** "access type, index" of each table the page's statement reads, as EXPLAIN tells. */
    private List<String> plan(IssueCriteria criteria, IssueOrder order, IssueCursor.Position after) {
        IssueRepository.Query page = repository.pageQuery(criteria, order, after, 21);
        return jdbc.sql("EXPLAIN " + page.sql()).params(page.params()).query().listOfRows().stream()
                .filter(row -> row.get("table") != null && !String.valueOf(row.get("table")).startsWith("<union"))
                .map(row -> row.get("type") + " " + row.get("key")).toList();
    }

    private Map<String, Long> costs() {
        Set<IssueStatus> all = EnumSet.allOf(IssueStatus.class);
        IssueCursor.Position middle = middle();
        Map<String, Long> costs = new LinkedHashMap<>();
        costs.put("no filter", cost(new IssueCriteria(all, null, null), NEWEST, null));
        costs.put("no filter, after a cursor", cost(new IssueCriteria(all, null, null), NEWEST, middle));
        costs.put("one status", cost(new IssueCriteria(Set.of(IssueStatus.DONE), null, null), NEWEST, middle));
        costs.put("two statuses", cost(new IssueCriteria(
                Set.of(IssueStatus.TODO, IssueStatus.IN_PROGRESS), null, null), NEWEST, middle));
        costs.put("assigned to me", cost(new IssueCriteria(all, ALICE, null), NEWEST, middle));
        costs.put("assigned to me, one status", cost(new IssueCriteria(Set.of(IssueStatus.TODO), ALICE, null), NEWEST, middle));
        costs.put("assignee email", cost(new IssueCriteria(all, null, "bob@example.com"), NEWEST, middle));
        costs.put("oldest first, after a cursor", cost(new IssueCriteria(all, null, null), OLDEST, middle));
        costs.put("two statuses, oldest first", cost(new IssueCriteria(
                Set.of(IssueStatus.TODO, IssueStatus.DONE), null, null), OLDEST, middle));
        costs.put("recently changed", cost(new IssueCriteria(all, null, null), CHANGED_FIRST, null));
        costs.put("recently changed, after a cursor", cost(new IssueCriteria(all, null, null), CHANGED_FIRST, middle));
        costs.put("changed since, oldest change first", cost(new IssueCriteria(all, null, null, null,
                middle.updatedAt().atOffset(ZoneOffset.UTC).minusNanos(1_000_000)), CHANGED_LAST, middle));
        return costs;
    }

    /** An issue 500 from the newest, as a cursor of any order (the bulk rows share their updated_at). */
    private IssueCursor.Position middle() {
        return jdbc.sql("SELECT id, updated_at FROM issues ORDER BY id DESC LIMIT 1 OFFSET 500")
                .query((row, n) -> new IssueCursor.Position(row.getLong("id"),
                        UtcDateTime.fromSql(row.getObject("updated_at", LocalDateTime.class)).toInstant())).single();
    }

    /** Rows read by one page of 20 (plus the look-ahead row), within one connection. */
    private long cost(IssueCriteria criteria, IssueOrder order, IssueCursor.Position after) {
        return transactions.execute(transaction -> {
            long before = handlerReads();
            assertThat(repository.findPage(criteria, order, after, 21)).hasSize(21);
            return handlerReads() - before;
        });
    }

    private long handlerReads() {
        return jdbc.sql("SHOW SESSION STATUS LIKE 'Handler_read%'")
                .query((row, n) -> row.getLong(2)).list().stream().mapToLong(Long::longValue).sum();
    }

    /** Bulk rows: statuses round-robin, assignees alternating, made by the database in one statement. */
    private void insertIssues(int count) {
        jdbc.sql("""
                INSERT INTO issues (title, status, assignee_id, assignee_name, assignee_email, created_at, updated_at)
                SELECT CONCAT(ELT(1 + n % 5, 'Login', 'Crash', 'Logout', 'Export', 'Search'), ' bulk ', n),
                       ELT(1 + n % 3, 'to-do', 'in progress', 'done'),
                       IF(n % 2 = 0, :alice, :bob), IF(n % 2 = 0, 'Alice', 'Bob'),
                       IF(n % 2 = 0, 'alice@example.com', 'bob@example.com'),
                       UTC_TIMESTAMP(3), UTC_TIMESTAMP(3)
                FROM (SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d AS n
                      FROM digits a, digits b, digits c, digits e, digits f) numbers
                WHERE n < :count
                ORDER BY n""".replace("digits", "(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 "
                        + "UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 "
                        + "UNION ALL SELECT 9)"))
                .param("alice", ALICE).param("bob", BOB).param("count", count)
                .update();
    }
}
