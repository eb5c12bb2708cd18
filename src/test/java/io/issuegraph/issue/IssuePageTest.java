package io.issuegraph.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.issuegraph.graphql.ApiException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.graphql.execution.ErrorType;

class IssuePageTest {

    private static final IssueOrder NEWEST = new IssueOrder(IssueOrder.IssueOrderField.CREATED_AT,
            IssueOrder.OrderDirection.DESC);

    @ParameterizedTest
    @ValueSource(ints = {1, 20, 100})
    void acceptsSizesFromOneToAHundredAndReadsOneMore(int first) {
        var request = IssuePage.Request.of(first, null, NEWEST);
        assertThat(request.size()).isEqualTo(first);
        assertThat(request.lookahead()).isEqualTo(first + 1);
        assertThat(request.after()).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 101, Integer.MAX_VALUE})
    void refusesOtherSizes(int first) {
        assertThatThrownBy(() -> IssuePage.Request.of(first, null, NEWEST))
                .isInstanceOfSatisfying(ApiException.class,
                        refused -> assertThat(refused.classification()).isEqualTo(ErrorType.BAD_REQUEST))
                .hasMessage("first must be between 1 and 100");
    }

    @Test
    void startsAfterTheIssueOfTheCursor() {
        assertThat(IssuePage.Request.of(5, IssueCursor.encode(NEWEST, issues(77).get(0)), NEWEST).after().id()).isEqualTo(77L);
    }

    @Test
    void theLookaheadIssueSaysThereIsANextPageAndIsNotShown() {
        var page = IssuePage.of(IssuePage.Request.of(3, null, NEWEST), issues(10, 9, 8, 7));
        assertThat(page.issues()).extracting(Issue::id).containsExactly(10L, 9L, 8L);
        assertThat(page.hasNextPage()).isTrue();
        assertThat(page.endCursor()).isEqualTo(IssueCursor.encode(NEWEST, issues(8).get(0)));
    }

    @Test
    void withoutALookaheadIssueThisIsTheLastPage() {
        var page = IssuePage.of(IssuePage.Request.of(3, null, NEWEST), issues(10, 9, 8));
        assertThat(page.issues()).hasSize(3);
        assertThat(page.hasNextPage()).isFalse();
    }

    @Test
    void anEmptyPageHasNoEndCursor() {
        var page = IssuePage.of(IssuePage.Request.of(3, null, NEWEST), List.of());
        assertThat(page.issues()).isEmpty();
        assertThat(page.hasNextPage()).isFalse();
        assertThat(page.endCursor()).isNull();
    }

    @Test
    void theEndCursorLeadsToTheNextPage() {
        var page = IssuePage.of(IssuePage.Request.of(2, null, NEWEST), issues(10, 9, 8));
        assertThat(IssuePage.Request.of(2, page.endCursor(), NEWEST).after().id()).isEqualTo(9L);
    }

    private static List<Issue> issues(long... ids) {
        var at = OffsetDateTime.of(2026, 11, 27, 10, 0, 0, 0, ZoneOffset.UTC);
        return LongStream.of(ids)
                .mapToObj(id -> new Issue(id, "issue " + id, IssueStatus.TODO, new Issue.Assignee("u", "U", null), at, at))
                .toList();
    }
}
