package io.issuegraph.issue;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.identity.standin.GoTrueStandIn;
import io.issuegraph.testsupport.IntegrationTest;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A lookup of issues by their ids is a few SQL texts whatever the number of ids, each prepared on the server once
 * per connection and kept (docs/architecture.md#in-lists), and answers each issue once.
 */
class IssueLookupStatementsTest extends IntegrationTest {

    /** The main pool's connections: each holds its own prepared statements. */
    private static final int CONNECTIONS = 10;

    @Autowired
    private IssueRepository issues;

    @Test
    void lookupsOfOneToAHundredIdsPrepareSevenTextsAConnection() {
        long before = preparedStatements();
        for (int size = 1; size <= 100; size++) {
            issues.findAll(LongStream.range(0, size).map(id -> Long.MAX_VALUE - id).boxed().toList());
        }

        // 1, 2, 4, … 128 values: seven texts, on however many of the pool's connections served the lookups
        // (one text for each length was 100 new statements, at least)
        assertThat(preparedStatements() - before).isLessThanOrEqualTo(7 * CONNECTIONS);
    }

    @Test
    void aPaddedLookupAnswersEachIssueOnce() {
        GoTrueStandIn.User author = newUser("Padded");
        String title = "padded lookup " + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            as(author).document("mutation ($t: String!) { createIssue(input: {title: $t}) { id } }").variable("t", title)
                    .execute().path("createIssue.id").hasValue();
        }
        List<Long> ids = jdbc.sql("SELECT id FROM issues WHERE title = ?").param(title).query(Long.class).list();

        assertThat(issues.findAll(ids)).extracting(Issue::id).containsExactlyInAnyOrderElementsOf(ids).hasSize(3);
    }

    private long preparedStatements() {
        return jdbc.sql("SHOW GLOBAL STATUS LIKE 'Prepared_stmt_count'").query((row, number) -> row.getLong(2)).single();
    }
}
