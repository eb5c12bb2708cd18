package io.issuegraph.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.issuegraph.testsupport.IntegrationTest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Transactions run on a pool of their own whose connections stay out of autocommit, and the repositories'
 * {@code JdbcClient} joins them; everything else runs on the main pool in autocommit mode
 * (docs/architecture.md#transactions).
 */
class TransactionPoolTest extends IntegrationTest {

    private final String lease = "transaction-pool-test-" + UUID.randomUUID();

    @Autowired
    private TransactionTemplate transactions;

    @AfterEach
    void removeLease() {
        jdbc.sql("DELETE FROM job_leases WHERE name = ?").param(lease).update();
    }

    @Test
    void statementsOutsideATransactionAutocommitAndThoseInsideOneShareItsConnection() {
        assertThat(jdbc.sql("SELECT @@autocommit").query(Integer.class).single()).isEqualTo(1);
        transactions.executeWithoutResult(status -> {
            long connection = connectionId();
            assertThat(jdbc.sql("SELECT @@autocommit").query(Integer.class).single()).isZero();
            insertLease();
            assertThat(connectionId()).isEqualTo(connection);
        });
        assertThat(leases()).isOne();
    }

    @Test
    void aFailedTransactionLeavesNothing() {
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            insertLease();
            assertThat(leases()).isOne();
            throw new IllegalStateException("the second step fails");
        })).hasMessage("the second step fails");
        assertThat(leases()).isZero();
    }

    /**
     * Between two transactions on one connection: the first one's COMMIT, and not a single {@code SET}
     * (before the pool of its own, Spring's {@code SET autocommit=1} after a transaction and
     * {@code SET autocommit=0} before the next: two round trips of a create's five).
     */
    @Test
    void backToBackTransactionsSendOnlyTheirCommitBetweenThem() {
        for (int attempt = 0; attempt < 20; attempt++) {
            Map<String, Long> first = transactions.execute(status -> sessionCounters());
            Map<String, Long> second = transactions.execute(status -> sessionCounters());
            if (first.get("id").equals(second.get("id"))) {
                assertThat(second.get("Com_set_option")).isEqualTo(first.get("Com_set_option"));
                assertThat(second.get("Com_commit")).isEqualTo(first.get("Com_commit") + 1);
                return;
            }
        }
        fail("20 pairs of transactions never ran on one connection twice in a row");
    }

    private long connectionId() {
        return jdbc.sql("SELECT CONNECTION_ID()").query(Long.class).single();
    }

    /** The connection's id and its counts of SET and COMMIT statements. */
    private Map<String, Long> sessionCounters() {
        Map<String, Long> counters = new HashMap<>();
        jdbc.sql("SHOW SESSION STATUS WHERE Variable_name IN ('Com_set_option', 'Com_commit')")
                .query(row -> {
                    counters.put(row.getString(1), row.getLong(2));
                });
        counters.put("id", connectionId());
        return counters;
    }

    private void insertLease() {
        jdbc.sql("INSERT INTO job_leases (name, holder, valid_until) VALUES (?, 'test', UTC_TIMESTAMP(3))").param(lease)
                .update();
    }

    private long leases() {
        return jdbc.sql("SELECT COUNT(*) FROM job_leases WHERE name = ?").param(lease).query(Long.class).single();
    }
}
