package io.issuegraph.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.issuegraph.graphql.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.graphql.execution.ErrorType;

/** How a search text becomes a boolean-mode query and LIKE words; IssueSearchApiTest runs them on the database. */
class IssueSearchTest {

    @ParameterizedTest
    @ValueSource(strings = {"", " ", " \t\n\u2003 "})
    void blankTextIsNoSearch(String text) {
        assertThat(IssueSearch.of(text)).isNull();
        assertThat(IssueSearch.of(null)).isNull();
    }

    @Test
    void everyWordIsARequiredPrefixInLowerCase() {
        var search = IssueSearch.of("  Login BUTTON  crash ");
        assertThat(search.booleanQuery()).isEqualTo("+login* +button* +crash*");
        assertThat(search.unindexedWords()).isEmpty();
        assertThat(search.findsNothing()).isFalse();
    }

    @Test
    void operatorsQuotesAndWildcardsOnlySeparateWords() {
        var search = IssueSearch.of("+log -in* \"crash\" @3 ~x (a) <b> 'quote' 100% back\\slash");
        assertThat(search.booleanQuery()).isEqualTo("+log* +crash* +quote* +100* +back* +slash*");
        assertThat(search.unindexedWords()).containsExactly("in", "3", "x", "a", "b");
    }

    /** As InnoDB's parser has it: the underscore belongs to the word; LIKE sees it escaped. */
    @Test
    void underscoresAreWordCharacters() {
        var search = IssueSearch.of("under_score a_");
        assertThat(search.booleanQuery()).isEqualTo("+under_score*");
        assertThat(search.likePatterns()).containsExactly("%a!_%");
    }

    @Test
    void shortWordsStopWordsAndOverlongWordsAreMatchedWithLike() {
        var search = IssueSearch.of("the fix of an UI bug with " + "x".repeat(85));
        assertThat(search.booleanQuery()).isEqualTo("+fix* +bug*");
        assertThat(search.unindexedWords()).containsExactly("the", "of", "an", "ui", "with", "x".repeat(85));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "to do", "the of", "+-*\"@~()<>'%_\\", "🐛🔥"})
    void textWithoutAWordTheIndexHoldsFindsNothing(String text) {
        assertThat(IssueSearch.of(text).findsNothing()).isTrue();
    }

    @Test
    void lettersOfEveryScriptAndDigitsMakeWords() {
        assertThat(IssueSearch.of("Über 🐛 日本語 v2026").booleanQuery()).isEqualTo("+über* +日本語* +v2026*");
    }

    @Test
    void repeatedWordsCountOnce() {
        assertThat(IssueSearch.of("login LOGIN Login").booleanQuery()).isEqualTo("+login*");
    }

    @Test
    void acceptsTwoHundredCharactersAndRefusesMore() {
        assertThat(IssueSearch.of("🐛".repeat(200))).isNotNull();
        assertThatThrownBy(() -> IssueSearch.of("x".repeat(201)))
                .isInstanceOfSatisfying(ApiException.class,
                        refused -> assertThat(refused.classification()).isEqualTo(ErrorType.BAD_REQUEST))
                .hasMessage("search must be at most 200 characters");
    }
}
