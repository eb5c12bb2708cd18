package io.issuegraph.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.issuegraph.graphql.ApiException;
import io.issuegraph.issue.IssueOrder.IssueOrderField;
import io.issuegraph.issue.IssueOrder.OrderDirection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.graphql.execution.ErrorType;

class IssueCursorTest {

    private static final IssueOrder NEWEST = new IssueOrder(IssueOrderField.CREATED_AT, OrderDirection.DESC);
    private static final IssueOrder OLDEST = new IssueOrder(IssueOrderField.CREATED_AT, OrderDirection.ASC);
    private static final IssueOrder CHANGED_FIRST = new IssueOrder(IssueOrderField.UPDATED_AT, OrderDirection.DESC);
    private static final IssueOrder CHANGED_LAST = new IssueOrder(IssueOrderField.UPDATED_AT, OrderDirection.ASC);
    private static final List<IssueOrder> ORDERS = List.of(NEWEST, OLDEST, CHANGED_FIRST, CHANGED_LAST);
    private static final Instant UPDATED = Instant.parse("2026-12-04T10:15:30.123Z");

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 1_000_000_007L, Long.MAX_VALUE})
    void decodesWhatItEncodes(long id) {
        Issue issue = issue(id);
        assertThat(IssueCursor.decode(IssueCursor.encode(NEWEST, issue), NEWEST)).isEqualTo(new IssueCursor.Position(id, null));
        assertThat(IssueCursor.decode(IssueCursor.encode(OLDEST, issue), OLDEST)).isEqualTo(new IssueCursor.Position(id, null));
        assertThat(IssueCursor.decode(IssueCursor.encode(CHANGED_LAST, issue), CHANGED_LAST))
                .isEqualTo(new IssueCursor.Position(id, UPDATED));
        assertThat(IssueCursor.decode(IssueCursor.encode(CHANGED_FIRST, issue), CHANGED_FIRST))
                .isEqualTo(new IssueCursor.Position(id, UPDATED));
    }

    @Test
    void isOpaqueAndUrlSafe() {
        for (IssueOrder order : ORDERS) {
            String cursor = IssueCursor.encode(order, issue(Long.MAX_VALUE));
            assertThat(cursor).doesNotContain(String.valueOf(Long.MAX_VALUE)).matches("[A-Za-z0-9_-]+");
        }
    }

    @Test
    void noCursorMeansTheFirstPage() {
        assertThat(IssueCursor.decode(null, NEWEST)).isNull();
    }

    /** Every order's cursor is refused by every other order: a position means nothing in another order. */
    @Test
    void aCursorContinuesOnlyItsOwnOrder() {
        for (IssueOrder made : ORDERS) {
            for (IssueOrder used : ORDERS) {
                if (made != used) {
                    assertThatThrownBy(() -> IssueCursor.decode(IssueCursor.encode(made, issue(7)), used))
                            .isInstanceOfSatisfying(ApiException.class,
                                    refused -> assertThat(refused.classification()).isEqualTo(ErrorType.BAD_REQUEST))
                            .hasMessage("after is a cursor of another order (" + made + "): a cursor continues only the "
                                    + "orderBy it came from (here " + used + ")");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not base64!", "issue:12", "aXNzdWU6", "%%%"})
    void refusesWhatIsNotACursor(String cursor) {
        assertRefused(cursor, NEWEST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"issue:CREATED_AT:DESC:0", "issue:CREATED_AT:DESC:-5", "issue:CREATED_AT:DESC:abc",
        "issue:CREATED_AT:DESC:99999999999999999999", "other:CREATED_AT:DESC:12", "issue:CREATED_AT:DESC: 12",
        "issue:12", "issue:CREATED_AT:DESC:1:12", "issue:CREATED_AT:DESC", "issue:CREATED_AT:DESC:"})
    void refusesTamperedCursors(String text) {
        assertRefused(encoded(text), NEWEST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"issue:UPDATED_AT:ASC:12", "issue:UPDATED_AT:ASC:x:12", "issue:UPDATED_AT:ASC:1:0",
        "issue:UPDATED_AT:ASC:99999999999999999999:1", "issue:UPDATED_AT:ASC:1:2:3"})
    void refusesTamperedCursorsOfTheUpdatedAtOrder(String text) {
        assertRefused(encoded(text), CHANGED_LAST);
    }

    private static String encoded(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(String cursor, IssueOrder order) {
        assertThatThrownBy(() -> IssueCursor.decode(cursor, order))
                .isInstanceOfSatisfying(ApiException.class,
                        refused -> assertThat(refused.classification()).isEqualTo(ErrorType.BAD_REQUEST))
                .hasMessage("after must be the endCursor of a previous page");
    }

    private static Issue issue(long id) {
        OffsetDateTime updated = UPDATED.atOffset(ZoneOffset.UTC);
        return new Issue(id, "t", IssueStatus.TODO, new Issue.Assignee("u", "U", null), updated.minusDays(1), updated);
    }
}
