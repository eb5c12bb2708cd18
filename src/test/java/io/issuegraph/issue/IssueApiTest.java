package io.issuegraph.issue;

import static io.issuegraph.testsupport.GraphQlErrors.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.identity.standin.GoTrueStandIn;
import io.issuegraph.testsupport.CapturedLog;
import io.issuegraph.testsupport.IntegrationTest;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * Every issue operation over HTTP against the real database: what is stored and read back, and what the
 * database refuses. Who may do what, and the arguments a client can get wrong, are in-process
 * ({@link IssueGraphQlTest}).
 */
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
    void assigneeDeletesTheirIssue() {
        GoTrueStandIn.User gina = newUser("Gina");
        String id = createIssue(gina, "Delete me", null);
        long before = issueCount();

        as(gina).document(DELETE).variable("id", id).execute().path("deleteIssue").entity(String.class).isEqualTo(id);

        assertThat(issueCount()).isEqualTo(before - 1);
        expectError(as(gina).document(DELETE).variable("id", id), ErrorType.NOT_FOUND, "no issue has this id");
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

    @Test
    void unexpectedFailuresAreOpaque() {
        GoTrueStandIn.User ivy = newUser("Ivy");
        jdbc.sql("RENAME TABLE issues TO issues_elsewhere").update(); // a real database failure
        try (var log = CapturedLog.of("org.springframework.graphql.execution.ExceptionResolversExceptionHandler")) {
            as(ivy).document("{ issues { edges { node { id } } } }").execute().errors().satisfy(errors -> {
                assertThat(errors).hasSize(1);
                assertThat(errors.get(0).getErrorType()).isEqualTo(ErrorType.INTERNAL_ERROR);
                assertThat(errors.get(0).getMessage()).doesNotContainIgnoringCase("issues_elsewhere")
                        .doesNotContainIgnoringCase("table").doesNotContainIgnoringCase("select")
                        .doesNotContain("Exception").doesNotContain("at io.issuegraph");
                assertThat(errors.get(0).getExtensions()).containsOnlyKeys("classification", "requestId");
            });
            assertThat(log.errors()).singleElement().asString().contains("BadSqlGrammarException"); // logged, not sent
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
}
