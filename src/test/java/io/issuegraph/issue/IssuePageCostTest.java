package io.issuegraph.issue;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.testsupport.IntegrationTest;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A page must cost the same on a small and on a large table. Measured as the rows the storage engine
 * reads ({@code Handler_read_*}, the same on MySQL and MariaDB), not as time: a count does not depend on
 * how busy the machine is, and it shows a missing index as surely as a stopwatch would.
 */
class IssuePageCostTest extends IntegrationTest {

    private static final String ALICE = "11111111-1111-1111-1111-111111111111";
    private static final String BOB = "22222222-2222-2222-2222-222222222222";

    @Autowired
    IssueRepository repository;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aPageReadsTheSameNumberOfRowsOnAThousandAndOnAHundredThousandIssues() {
        insertIssues(1_000);
        Map<String, Long> small = costs();
        insertIssues(100_000);
        Map<String, Long> large = costs();

        assertThat(large).isEqualTo(small);
        // and a page of 20 reads tens of rows, not thousands
        assertThat(small.values()).allSatisfy(rows -> assertThat(rows).isLessThan(200));
    }

    private Map<String, Long> costs() {
        Set<IssueStatus> all = EnumSet.allOf(IssueStatus.class);
        Long middle = jdbc.sql("SELECT MAX(id) - 500 FROM issues").query(Long.class).single();
        Map<String, Long> costs = new LinkedHashMap<>();
        costs.put("no filter", cost(new IssueCriteria(all, null, null), null));
        costs.put("no filter, after a cursor", cost(new IssueCriteria(all, null, null), middle));
        costs.put("one status", cost(new IssueCriteria(Set.of(IssueStatus.DONE), null, null), middle));
        costs.put("two statuses", cost(new IssueCriteria(
                Set.of(IssueStatus.TODO, IssueStatus.IN_PROGRESS), null, null), middle));
        costs.put("assigned to me", cost(new IssueCriteria(all, ALICE, null), middle));
        costs.put("assigned to me, one status", cost(new IssueCriteria(Set.of(IssueStatus.TODO), ALICE, null), middle));
        costs.put("assignee email", cost(new IssueCriteria(all, null, "bob@example.com"), middle));
        return costs;
    }

    /** Rows read by one page of 20 (plus the look-ahead row), within one connection. */
    private long cost(IssueCriteria criteria, Long after) {
        return transactions.execute(transaction -> {
            long before = handlerReads();
            assertThat(repository.findPage(criteria, after, 21)).hasSize(21);
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
                SELECT CONCAT('bulk ', n),
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
