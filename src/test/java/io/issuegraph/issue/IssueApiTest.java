package io.issuegraph.issue;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.identity.standin.GoTrueStandIn;
import io.issuegraph.testsupport.IntegrationTest;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;

/** Every issue operation over HTTP against the real database, including every bad input. */
class IssueApiTest extends IntegrationTest {

    // language=GraphQL
    private static final String CREATE = """
            mutation ($title: String!, $status: IssueStatus) {
              createIssue(input: {title: $title, status: $status}) {
                id title status createdAt updatedAt assignee { id name email }
              }
            }""";

    // language=GraphQL
    private static final String UPDATE = """
            mutation ($id: ID!, $title: String, $status: IssueStatus) {
              updateIssue(id: $id, input: {title: $title, status: $status}) { id title status createdAt updatedAt }
            }""";

    // language=GraphQL
    private static final String DELETE = "mutation ($id: ID!) { deleteIssue(id: $id) }";

    // language=GraphQL
    private static final String ISSUE = "query ($id: ID!) { issue(id: $id) { id title status assignee { id name email } } }";

    @Test
    void createsAnIssueAssignedToTheCaller() {
        GoTrueStandIn.User alice = newUser("Alice Example");

        GraphQlTester.Response response = as(alice).document(CREATE).variable("title", "  Fix the login page  ").execute();

        response.path("createIssue.title").entity(String.class).isEqualTo("Fix the login page");
        response.path("createIssue.status").entity(String.class).isEqualTo("TODO");
        response.path("createIssue.assignee").entity(Map.class)
                .isEqualTo(Map.of("id", alice.id(), "name", "Alice Example", "email", alice.email()));
        String id = response.path("createIssue.id").entity(String.class).get();
        assertThat(jdbc.sql("SELECT title, status, assignee_id, assignee_name, assignee_email FROM issues WHERE id = ?")
                .param(Long.parseLong(id)).query().singleRow())
                .containsEntry("title", "Fix the login page")
                .containsEntry("status", "to-do")
                .containsEntry("assignee_id", alice.id())
                .containsEntry("assignee_name", "Alice Example")
                .containsEntry("assignee_email", alice.email());
    }

    @Test
    void namesTheAssigneeAfterTheEmailWhenTheProfileHasNoName() {
        GoTrueStandIn.User nameless = newUser(null);
        GoTrueStandIn.User blank = newUser("   ");

        as(nameless).document(CREATE).variable("title", "t").execute()
                .path("createIssue.assignee.name").entity(String.class).isEqualTo(nameless.email().split("@")[0]);
        as(blank).document(CREATE).variable("title", "t").execute()
                .path("createIssue.assignee.name").entity(String.class).isEqualTo(blank.email().split("@")[0]);
    }

    @Test
    void timesKeepTheirMilliseconds() {
        GoTrueStandIn.User kim = newUser("Kim");
        var created = as(kim).document(CREATE).variable("title", "precise").execute();
        String id = created.path("createIssue.id").entity(String.class).get();
        String createdAt = created.path("createIssue.createdAt").entity(String.class).get();

        as(kim).document("query ($id: ID!) { issue(id: $id) { createdAt updatedAt } }").variable("id", id).execute()
                .path("issue.createdAt").entity(String.class).isEqualTo(createdAt)
                .path("issue.updatedAt").entity(String.class).isEqualTo(createdAt);
        assertThat(createdAt).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    }

    @Test
    void createsWithAGivenStatusAndReadsItBack() {
        GoTrueStandIn.User bob = newUser("Bob");
        String id = createIssue(bob, "Write docs", "IN_PROGRESS");

        as(bob).document(ISSUE).variable("id", id).execute()
                .path("issue.title").entity(String.class).isEqualTo("Write docs")
                .path("issue.status").entity(String.class).isEqualTo("IN_PROGRESS");
        assertThat(jdbc.sql("SELECT status FROM issues WHERE id = ?").param(Long.parseLong(id)).query(String.class).single())
                .isEqualTo("in progress");
    }

    @Test
    void storesEveryCharacterVerbatim() {
        GoTrueStandIn.User carol = newUser("Carol");
        for (String title : List.of("It's \"quoted\" \\ back\\slashed", "'; DROP TABLE issues; --",
                "Robert'); DELETE FROM issues WHERE ('1'='1", "emoji 🐛🔥 and 👩‍💻", "日本語のタイトル", "עברית ومرحبا",
                "%_ wildcards _%", "x".repeat(255), "🐛".repeat(255))) {
            String id = createIssue(carol, title, null);
            as(carol).document(ISSUE).variable("id", id).execute().path("issue.title").entity(String.class).isEqualTo(title);
            assertThat(jdbc.sql("SELECT title FROM issues WHERE id = ?").param(Long.parseLong(id)).query(String.class).single())
                    .isEqualTo(title);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 256, 10_000})
    void refusesTitlesThatAreEmptyOrTooLong(int length) {
        GoTrueStandIn.User dave = newUser("Dave");
        long before = issueCount();

        expectError(as(dave).document(CREATE).variable("title", title(length)), ErrorType.BAD_REQUEST,
                "title must be 1 to 255 characters");
        assertThat(issueCount()).isEqualTo(before);
    }

    @Test
    void refusesWhitespaceTitles() {
        GoTrueStandIn.User dave = newUser("Dave");
        long before = issueCount();
        expectError(as(dave).document(CREATE).variable("title", " \t\n\u2003 "), ErrorType.BAD_REQUEST,
                "title must be 1 to 255 characters");
        assertThat(issueCount()).isEqualTo(before);
    }

    @Test
    void assigneeUpdatesTitleAndStatusAndUpdatedAtMovesOnEveryChange() {
        GoTrueStandIn.User erin = newUser("Erin");
        String id = createIssue(erin, "Old title", null);
        OffsetDateTime created = updatedAt(erin, id);

        var first = as(erin).document(UPDATE).variable("id", id).variable("title", " New title ").execute();
        first.path("updateIssue.title").entity(String.class).isEqualTo("New title");
        first.path("updateIssue.status").entity(String.class).isEqualTo("TODO");
        OffsetDateTime afterFirst = OffsetDateTime.parse(first.path("updateIssue.updatedAt").entity(String.class).get());

        var second = as(erin).document(UPDATE).variable("id", id).variable("status", "DONE").execute();
        second.path("updateIssue.title").entity(String.class).isEqualTo("New title");
        second.path("updateIssue.status").entity(String.class).isEqualTo("DONE");
        OffsetDateTime afterSecond = OffsetDateTime.parse(second.path("updateIssue.updatedAt").entity(String.class).get());

        assertThat(afterFirst).isAfter(created);
        assertThat(afterSecond).isAfter(afterFirst);
        assertThat(jdbc.sql("SELECT status FROM issues WHERE id = ?").param(Long.parseLong(id)).query(String.class).single())
                .isEqualTo("done");
    }

    @Test
    void updateWithNothingToChangeIsABadRequest() {
        GoTrueStandIn.User frank = newUser("Frank");
        String id = createIssue(frank, "Stay as I am", null);
        expectError(as(frank).document(UPDATE).variable("id", id), ErrorType.BAD_REQUEST, "nothing to change");
        as(frank).document(ISSUE).variable("id", id).execute().path("issue.title").entity(String.class).isEqualTo("Stay as I am");
    }

    @Test
    void updateWithABadTitleChangesNothing() {
        GoTrueStandIn.User frank = newUser("Frank");
        String id = createIssue(frank, "Keep me", null);
        expectError(as(frank).document(UPDATE).variable("id", id).variable("title", "x".repeat(256)).variable("status", "DONE"),
                ErrorType.BAD_REQUEST, "title must be 1 to 255 characters");
        as(frank).document(ISSUE).variable("id", id).execute()
                .path("issue.title").entity(String.class).isEqualTo("Keep me")
                .path("issue.status").entity(String.class).isEqualTo("TODO");
    }

    @Test
    void anotherUserMayNeitherUpdateNorDelete() {
        GoTrueStandIn.User owner = newUser("Owner");
        GoTrueStandIn.User stranger = newUser("Stranger");
        String id = createIssue(owner, "Mine", null);

        expectError(as(stranger).document(UPDATE).variable("id", id).variable("title", "Stolen"), ErrorType.FORBIDDEN,
                "only the issue's assignee or an admin");
        expectError(as(stranger).document(DELETE).variable("id", id), ErrorType.FORBIDDEN,
                "only the issue's assignee or an admin");
        as(owner).document(ISSUE).variable("id", id).execute().path("issue.title").entity(String.class).isEqualTo("Mine");
    }

    @Test
    void anAdminMayUpdateAndDeleteAnyIssue() {
        GoTrueStandIn.User owner = newUser("Owner");
        GoTrueStandIn.User admin = newAdmin();
        String id = createIssue(owner, "Needs triage", null);

        as(admin).document(UPDATE).variable("id", id).variable("status", "IN_PROGRESS").execute()
                .path("updateIssue.status").entity(String.class).isEqualTo("IN_PROGRESS");
        as(admin).document(DELETE).variable("id", id).execute().path("deleteIssue").entity(String.class).isEqualTo(id);
        as(owner).document(ISSUE).variable("id", id).execute().path("issue").valueIsNull();
    }

    @Test
    void assigneeDeletesTheirIssue() {
        GoTrueStandIn.User gina = newUser("Gina");
        String id = createIssue(gina, "Delete me", null);
        long before = issueCount();

        as(gina).document(DELETE).variable("id", id).execute().path("deleteIssue").entity(String.class).isEqualTo(id);

        assertThat(issueCount()).isEqualTo(before - 1);
        expectError(as(gina).document(DELETE).variable("id", id), ErrorType.NOT_FOUND, "no issue has this id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"999999999", "0", "-1", "not-a-number", "1 OR 1=1", "99999999999999999999999"})
    void unknownIdsAreNotFound(String id) {
        GoTrueStandIn.User hal = newUser("Hal");
        long before = issueCount();
        as(hal).document(ISSUE).variable("id", id).execute().path("issue").valueIsNull();
        expectError(as(hal).document(UPDATE).variable("id", id).variable("title", "x"), ErrorType.NOT_FOUND,
                "no issue has this id");
        expectError(as(hal).document(DELETE).variable("id", id), ErrorType.NOT_FOUND, "no issue has this id");
        assertThat(issueCount()).isEqualTo(before);
    }

    @Test
    void meDescribesTheCaller() {
        GoTrueStandIn.User admin = newAdmin();
        GoTrueStandIn.User plain = newUser(null);

        as(admin).document("{ me { id email name roles } }").execute().path("me").entity(Map.class)
                .isEqualTo(Map.of("id", admin.id(), "email", admin.email(), "name", "Ada Admin", "roles", List.of("admin")));
        as(plain).document("{ me { id name roles } }").execute().path("me").entity(Map.class)
                .isEqualTo(Map.of("id", plain.id(), "name", plain.email().split("@")[0], "roles", List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "mutation { createIssue(input: {}) { id } }",
            "mutation { createIssue(input: {title: \"x\", status: BOGUS}) { id } }",
            "mutation { createIssue(input: {title: 42}) { id } }",
            "mutation { updateIssue(input: {title: \"x\"}) { id } }",
            "{ issues(first: \"ten\") { totalCount } }",
            "{ issue(id: \"1\") { secret } }",
            "{ issues { edges { node { id } }",
            "subscription { issues { totalCount } }"})
    void documentsThatDoNotFitTheSchemaAreBadRequests(String document) {
        GoTrueStandIn.User lou = newUser("Lou");
        long before = issueCount();
        as(lou).document(document).execute().errors().satisfy(errors -> {
            assertThat(errors).isNotEmpty();
            assertThat(errors).allSatisfy(error -> {
                assertThat(error.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
                assertThat(error.getMessage()).isNotBlank().doesNotContain("Exception");
            });
        });
        assertThat(issueCount()).isEqualTo(before);
    }

    @Test
    void unexpectedFailuresAreOpaque() {
        GoTrueStandIn.User ivy = newUser("Ivy");
        jdbc.sql("RENAME TABLE issues TO issues_elsewhere").update(); // a real database failure
        try {
            as(ivy).document("{ issues { edges { node { id } } } }").execute().errors().satisfy(errors -> {
                assertThat(errors).hasSize(1);
                assertThat(errors.get(0).getErrorType()).isEqualTo(ErrorType.INTERNAL_ERROR);
                assertThat(errors.get(0).getMessage()).doesNotContainIgnoringCase("issues_elsewhere")
                        .doesNotContainIgnoringCase("table").doesNotContainIgnoringCase("select")
                        .doesNotContain("Exception").doesNotContain("at io.issuegraph");
                assertThat(errors.get(0).getExtensions()).containsOnlyKeys("classification", "requestId");
            });
        } finally {
            jdbc.sql("RENAME TABLE issues_elsewhere TO issues").update();
        }
    }

    private String createIssue(GoTrueStandIn.User user, String title, String status) {
        return as(user).document(CREATE).variable("title", title).variable("status", status).execute()
                .path("createIssue.id").entity(String.class).get();
    }

    private OffsetDateTime updatedAt(GoTrueStandIn.User user, String id) {
        return OffsetDateTime.parse(as(user).document("query ($id: ID!) { issue(id: $id) { updatedAt } }")
                .variable("id", id).execute().path("issue.updatedAt").entity(String.class).get());
    }

    private static String title(int length) {
        return "t".repeat(length);
    }

    static void expectError(GraphQlTester.Request<?> request, ErrorType classification, String messagePart) {
        request.execute().errors().satisfy(errors -> {
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).getErrorType()).isEqualTo(classification);
            assertThat(errors.get(0).getMessage()).contains(messagePart);
        });
    }
}
