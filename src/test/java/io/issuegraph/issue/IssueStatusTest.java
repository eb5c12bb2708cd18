package io.issuegraph.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;

/** The tutorial's values in the {@code status} column, read back as the GraphQL enum. */
class IssueStatusTest {

    @Test
    void eachStatusIsReadBackFromItsDatabaseValue() {
        assertThat(IssueStatus.fromDatabase("to-do")).isEqualTo(IssueStatus.TODO);
        assertThat(IssueStatus.fromDatabase("in progress")).isEqualTo(IssueStatus.IN_PROGRESS);
        assertThat(IssueStatus.fromDatabase("done")).isEqualTo(IssueStatus.DONE);
        for (IssueStatus status : IssueStatus.values()) {
            assertThat(IssueStatus.fromDatabase(status.databaseValue())).isSameAs(status);
        }
    }

    @Test
    void aValueNoStatusHasIsAnErrorOfTheServerNamingIt() {
        assertThatIllegalStateException().isThrownBy(() -> IssueStatus.fromDatabase("TODO"))
                .withMessage("Unknown issue status in the database: TODO");
    }
}
