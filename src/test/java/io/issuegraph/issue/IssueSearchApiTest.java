package io.issuegraph.issue;

import static io.issuegraph.testsupport.GraphQlErrors.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.identity.standin.GoTrueStandIn;
import io.issuegraph.testsupport.IntegrationTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** Search through the API, on the real FULLTEXT index: its semantics, hostile text, and every combination. */
class IssueSearchApiTest extends IntegrationTest {

    // language=GraphQL
    private static final String SEARCH = """
            query ($first: Int, $after: String, $filter: IssueFilter, $orderBy: IssueOrder) {
              issues(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
                edges { node { title } }
                pageInfo { hasNextPage endCursor }
                totalCount
              }
            }""";

    private GoTrueStandIn.User alice;
    private GoTrueStandIn.User bob;
    private final Map<String, String> ids = new HashMap<>();

    @BeforeAll
    void createIssues() {
        alice = newUser("Alice");
        bob = newUser("Bob");
        for (String title : List.of("Login button does nothing", "Crash on logout", "LOGIN page crash 🐛",
                "The export is slow", "Search returns 100% of rows", "Fix the UI of login", "Übersicht fehlt",
                "under_score in name", "A (quoted) \"login\" + crash*")) {
            create(alice, title, "TODO");
        }
        create(bob, "Bob's login crash", "DONE");
    }

    private void create(GoTrueStandIn.User author, String title, String status) {
        ids.put(title, as(author).document("mutation ($t: String!, $s: IssueStatus) { createIssue(input: {title: $t, status: $s}) { id } }")
                .variable("t", title).variable("s", status).execute().path("createIssue.id").entity(String.class).get());
    }

    @Test
    void findsTitlesWithEveryWord() {
        assertThat(titles("login crash")).containsExactly("Bob's login crash", "A (quoted) \"login\" + crash*",
                "LOGIN page crash 🐛");
        assertThat(titles("crash logout")).containsExactly("Crash on logout");
        assertThat(titles("crash nothing")).isEmpty();
    }

    @Test
    void aWordFindsTheLongerWordsItBeginsAndIgnoresCase() {
        assertThat(titles("log")).containsExactlyInAnyOrder("Login button does nothing", "Crash on logout",
                "LOGIN page crash 🐛", "Fix the UI of login", "A (quoted) \"login\" + crash*", "Bob's login crash");
        assertThat(titles("LOGOUT")).isEqualTo(titles("logout")).containsExactly("Crash on logout");
        assertThat(titles("übers")).isEqualTo(titles("ÜBERSICHT")).containsExactly("Übersicht fehlt");
        assertThat(titles("ogin")).isEmpty();
    }

    @Test
    void shortWordsAndStopWordsNarrowWhatTheOtherWordsFound() {
        assertThat(titles("ui login")).containsExactly("Fix the UI of login");
        assertThat(titles("the login")).containsExactly("Fix the UI of login");
        assertThat(titles("on crash")).containsExactly("Crash on logout");
        // found anywhere in the title, inside words too: "in" is in "Login"
        assertThat(titles("in button")).containsExactly("Login button does nothing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "on", "the of", "to do", "🐛", "🐛🔥💥", "+", "%", "_", "\\", "'", "\"\"", "()", "<>", "@~*",
        "+ - * \" @ ~ ( ) < > ' % _ \\"})
    void textWithoutAWordTheIndexHoldsFindsNothing(String text) {
        var response = search(as(alice), Map.of("search", text), null, null);
        response.path("issues.edges").entityList(Object.class).hasSize(0);
        response.path("issues.totalCount").entity(Integer.class).isEqualTo(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+login +crash", "-login -crash", "\"login crash\"", "login* crash*", "(login) <crash>",
        "@login ~crash", "'login' 'crash'", "login%crash", "login\\crash", "🐛login🐛crash🐛",
        "login\u0000crash", "LOGIN\tCRASH\n"})
    void operatorsQuotesAndWildcardsAreNeverSyntax(String text) {
        assertThat(titles(text)).containsExactly("Bob's login crash", "A (quoted) \"login\" + crash*", "LOGIN page crash 🐛");
    }

    @Test
    void wildcardsAndUnderscoresAreOnlySeparators() {
        assertThat(titles("100%")).containsExactly("Search returns 100% of rows");
        assertThat(titles("under_score")).isEqualTo(titles("UNDER_S")).containsExactly("under_score in name");
        assertThat(titles("score")).isEmpty();
        assertThat(titles("in under")).containsExactly("under_score in name");
        assertThat(titles("rows%")).containsExactly("Search returns 100% of rows");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n "})
    void blankTextIsNoSearch(String text) {
        search(as(alice), Map.of("search", text), null, null).path("issues.totalCount").entity(Integer.class)
                .isEqualTo(ids.size());
    }

    @Test
    void textOverTwoHundredCharactersIsABadRequest() {
        for (String text : List.of("x".repeat(201), "login ".repeat(400).substring(0, 2_000), "🐛".repeat(201))) {
            expectError(as(alice).document(SEARCH).variable("filter", Map.of("search", text)), ErrorType.BAD_REQUEST,
                    "search must be at most 200 characters");
        }
        assertThat(titles("🐛".repeat(190) + " logout")).containsExactly("Crash on logout");
    }

    @Test
    void combinesWithTheOtherFiltersAndCounts() {
        var mine = search(as(alice), Map.of("search", "login crash", "assignedToMe", true), null, null);
        mine.path("issues.totalCount").entity(Integer.class).isEqualTo(2);
        var done = search(as(alice), Map.of("search", "login", "status", List.of("DONE")), null, null);
        done.path("issues.edges[*].node.title").entityList(String.class).containsExactly("Bob's login crash");
        done.path("issues.totalCount").entity(Integer.class).isEqualTo(1);
        search(as(alice), Map.of("search", "login", "assigneeEmail", bob.email()), null, null)
                .path("issues.totalCount").entity(Integer.class).isEqualTo(1);
        search(as(alice), Map.of("search", "login", "status", List.of()), null, null)
                .path("issues.totalCount").entity(Integer.class).isEqualTo(0);
    }

    @Test
    void pagesThroughTheResultsOneAtATimeInEveryOrder() {
        for (Map<String, String> order : List.of(Map.of("field", "CREATED_AT", "direction", "DESC"),
                Map.of("field", "CREATED_AT", "direction", "ASC"), Map.of("field", "UPDATED_AT", "direction", "DESC"),
                Map.of("field", "UPDATED_AT", "direction", "ASC"))) {
            List<String> walked = new ArrayList<>();
            String after = null;
            boolean more = true;
            while (more) {
                var page = request(as(alice), Map.of("search", "log"), order, after).variable("first", 1).execute();
                walked.addAll(page.path("issues.edges[*].node.title").entityList(String.class).get());
                page.path("issues.totalCount").entity(Integer.class).isEqualTo(6);
                more = page.path("issues.pageInfo.hasNextPage").entity(Boolean.class).get();
                after = more ? page.path("issues.pageInfo.endCursor").entity(String.class).get() : null;
            }
            List<String> expected = new ArrayList<>(titles("log"));
            if ("ASC".equals(order.get("direction"))) {
                java.util.Collections.reverse(expected);
            }
            // issues created one after another: their creation and change orders agree
            assertThat(walked).as(order.toString()).isEqualTo(expected);
        }
    }

    /** Titles found, newest first. */
    private List<String> titles(String text) {
        return search(as(alice), Map.of("search", text), null, null).path("issues.edges[*].node.title")
                .entityList(String.class).get();
    }

    private GraphQlTester.Response search(HttpGraphQlTester tester, Map<String, Object> filter, Map<String, String> orderBy,
            String after) {
        return request(tester, filter, orderBy, after).variable("first", 100).execute();
    }

    private static GraphQlTester.Request<?> request(HttpGraphQlTester tester, Map<String, Object> filter,
            Map<String, String> orderBy, String after) {
        return tester.document(SEARCH).variable("filter", filter).variable("orderBy", orderBy).variable("after", after);
    }
}
