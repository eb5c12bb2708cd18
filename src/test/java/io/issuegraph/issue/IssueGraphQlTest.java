package io.issuegraph.issue;

import static io.issuegraph.testsupport.GraphQlErrors.expectError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.issuegraph.identity.WithCaller;
import io.issuegraph.testsupport.GraphQlSliceTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.WebGraphQlTester;
import org.springframework.security.test.context.TestSecurityContextHolder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The issue operations in-process (a GraphQL slice): who may do what, and every argument a client can
 * get wrong, with the real controllers, service and rules over a stand-in repository. That each change is
 * stored, and what the database refuses, {@link IssueApiTest} shows against the real database; that the
 * same model holds on every transport, {@code web.AuthorizationMatrixTest}.
 */
@GraphQlSliceTest(controllers = {IssueController.class, IssueViewerController.class},
        properties = "issuegraph.identity.required-role=member")
@Import(IssueService.class)
class IssueGraphQlTest {

    // language=GraphQL
    private static final String CREATE = "mutation ($title: String!) { createIssue(input: {title: $title}) { id title } }";
    // language=GraphQL
    private static final String UPDATE = """
            mutation ($id: ID!, $title: String, $status: IssueStatus) {
              updateIssue(id: $id, input: {title: $title, status: $status}) { id status }
            }""";
    // language=GraphQL
    private static final String DELETE = "mutation ($id: ID!) { deleteIssue(id: $id) }";
    // language=GraphQL
    private static final String ISSUE = "query ($id: ID!) { issue(id: $id) { id viewerCanUpdate viewerCanDelete } }";
    // language=GraphQL
    private static final String ISSUES = "{ issues(first: 5) { totalCount edges { node { id } } } }";

    /** Alice's issue, the one every cell of the matrix reads or changes. */
    private static final Issue ALICES = new Issue(7, "Alice's", IssueStatus.TODO,
            new Issue.Assignee("alice", "alice", "alice@example.com"),
            OffsetDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC), OffsetDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC));

    @MockitoBean
    IssueRepository issues;

    @MockitoBean
    IssueEventOutbox events;

    @Autowired
    WebGraphQlTester graphQl;

    /** The service's transactions, without a database: what they commit is the repository's, stood in for. */
    @TestConfiguration(proxyBeanMethods = false)
    static class NoDatabase {

        @Bean
        TransactionTemplate transactions() {
            return new TransactionTemplate(mock(PlatformTransactionManager.class));
        }
    }

    @BeforeEach
    void aliceHasAnIssue() {
        when(issues.findById(ALICES.id())).thenReturn(Optional.of(ALICES));
        when(issues.update(anyLong(), any(), any(), any())).thenReturn(true);
        when(issues.delete(anyLong())).thenReturn(true);
        when(issues.insertForOpenAccount(any(), any(), any(), any(), any())).thenAnswer(call -> Optional.of(
                new Issue(8, call.getArgument(0), call.getArgument(1), call.getArgument(2), call.getArgument(3), call.getArgument(3))));
    }

    enum Caller {
        ASSIGNEE("alice", true, List.of(), false),
        OTHER_MEMBER("bob", true, List.of(), false),
        ADMIN("ada", false, List.of("admin"), false),
        NON_MEMBER("nina", false, List.of(), false),
        CLOSING("alice", true, List.of(), true);

        final String id;
        final boolean member;
        final List<String> roles;
        final boolean closing;

        Caller(String id, boolean member, List<String> roles, boolean closing) {
            this.id = id;
            this.member = member;
            this.roles = roles;
            this.closing = closing;
        }
    }

    /**
     * One operation of the matrix, the field whose value says it ran, and whether its root field may be
     * null (a refused non-null root field nulls the whole {@code data}).
     */
    record Operation(String name, String document, String field, boolean nullable) {
    }

    private static final List<Operation> OPERATIONS = List.of(
            new Operation("issues", ISSUES, "issues.totalCount", false),
            new Operation("issue", "query { issue(id: \"7\") { id } }", "issue.id", true),
            new Operation("createIssue", "mutation { createIssue(input: {title: \"matrix\"}) { id } }", "createIssue.id", false),
            new Operation("updateIssue of Alice's", "mutation { updateIssue(id: \"7\", input: {status: DONE}) { id } }",
                    "updateIssue.id", false),
            new Operation("deleteIssue of Alice's", "mutation { deleteIssue(id: \"7\") }", "deleteIssue", false));

    /** docs/api.md#who-may-do-what: "OK", or the classification of the one error. */
    static String expected(Caller caller, Operation operation) {
        boolean changesAlices = operation.name().endsWith("Alice's");
        return switch (caller) {
            case CLOSING -> "UNAUTHORIZED";
            case NON_MEMBER -> "FORBIDDEN";
            case OTHER_MEMBER -> changesAlices ? "FORBIDDEN" : "OK";
            case ASSIGNEE, ADMIN -> "OK";
        };
    }

    @TestFactory
    Stream<DynamicTest> everyCallerEveryOperation() {
        List<DynamicTest> cells = new ArrayList<>();
        for (Caller caller : Caller.values()) {
            for (Operation operation : OPERATIONS) {
                String expected = expected(caller, operation);
                cells.add(DynamicTest.dynamicTest(caller + " " + operation.name() + " → " + expected, () -> {
                    signIn(caller);
                    GraphQlTester.Response response = graphQl.document(operation.document()).execute();
                    if (expected.equals("OK")) {
                        response.errors().verify().path(operation.field()).hasValue();
                    } else {
                        response.errors().satisfy(errors -> assertThat(errors).singleElement()
                                .satisfies(error -> assertThat(error.getErrorType()).hasToString(expected)));
                        String root = operation.field().split("\\.")[0];
                        if (operation.nullable()) {
                            response.path(root).valueIsNull();
                        } else {
                            response.path(root).pathDoesNotExist();
                        }
                    }
                }));
            }
        }
        return cells.stream();
    }

    /** Whatever a refused caller asked for, nothing was written. */
    @TestFactory
    Stream<DynamicTest> aRefusedCallerChangesNothing() {
        return Stream.of(Caller.values()).filter(caller -> caller != Caller.ASSIGNEE && caller != Caller.ADMIN)
                .map(caller -> DynamicTest.dynamicTest(caller.toString(), () -> {
                    signIn(caller);
                    for (Operation operation : OPERATIONS.subList(3, OPERATIONS.size())) {
                        graphQl.document(operation.document()).execute();
                    }
                    verify(issues, never()).update(anyLong(), any(), any(), any());
                    verify(issues, never()).delete(anyLong());
                    verifyNoInteractions(events);
                }));
    }

    @Test
    @WithCaller("alice")
    void theAssigneeMayChangeAndDeleteTheirIssue() {
        graphQl.document(ISSUE).variable("id", "7").execute()
                .path("issue.viewerCanUpdate").entity(Boolean.class).isEqualTo(true)
                .path("issue.viewerCanDelete").entity(Boolean.class).isEqualTo(true);
    }

    @Test
    @WithCaller(value = "ada", roles = "admin", member = false)
    void anAdminMayChangeAndDeleteAnyIssue() {
        graphQl.document(ISSUE).variable("id", "7").execute()
                .path("issue.viewerCanUpdate").entity(Boolean.class).isEqualTo(true)
                .path("issue.viewerCanDelete").entity(Boolean.class).isEqualTo(true);
    }

    @Test
    @WithCaller("bob")
    void anotherMemberMaySeeButNotChange() {
        graphQl.document(ISSUE).variable("id", "7").execute()
                .path("issue.viewerCanUpdate").entity(Boolean.class).isEqualTo(false)
                .path("issue.viewerCanDelete").entity(Boolean.class).isEqualTo(false);
        expectError(graphQl.document(UPDATE).variable("id", "7").variable("title", "Stolen"), ErrorType.FORBIDDEN,
                "only the issue's assignee or an admin");
        expectError(graphQl.document(DELETE).variable("id", "7"), ErrorType.FORBIDDEN, "only the issue's assignee or an admin");
    }

    @Test
    @WithCaller(value = "nina", member = false)
    void aNonMemberIsToldWhichRoleTheyLack() {
        expectError(graphQl.document(ISSUES), ErrorType.FORBIDDEN,
                "This needs the \"member\" role in your Identity account; ask an administrator.");
    }

    @Test
    @WithCaller(value = "alice", closing = true)
    void aClosingAccountIsToldItIsDeleted() {
        expectError(graphQl.document(ISSUES), ErrorType.UNAUTHORIZED, "deleted");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 256, 10_000})
    @WithCaller
    void refusesTitlesThatAreEmptyOrTooLong(int length) {
        expectError(graphQl.document(CREATE).variable("title", "t".repeat(length)), ErrorType.BAD_REQUEST,
                "title must be 1 to 255 characters");
        verifyNoInteractions(issues, events);
    }

    @Test
    @WithCaller
    void refusesWhitespaceTitles() {
        expectError(graphQl.document(CREATE).variable("title", " \t\n\u2003 "), ErrorType.BAD_REQUEST,
                "title must be 1 to 255 characters");
        verifyNoInteractions(issues, events);
    }

    @Test
    @WithCaller
    void countsATitleInCharactersNotUnits() {
        String emoji = "🐛".repeat(255); // 510 UTF-16 units
        graphQl.document(CREATE).variable("title", emoji).execute().path("createIssue.title").entity(String.class).isEqualTo(emoji);
    }

    @Test
    @WithCaller("alice")
    void updateWithNothingToChangeIsABadRequest() {
        expectError(graphQl.document(UPDATE).variable("id", "7"), ErrorType.BAD_REQUEST, "nothing to change");
        verify(issues, never()).update(anyLong(), any(), any(), any());
    }

    @Test
    @WithCaller("alice")
    void updateWithABadTitleChangesNothing() {
        expectError(graphQl.document(UPDATE).variable("id", "7").variable("title", "x".repeat(256)).variable("status", "DONE"),
                ErrorType.BAD_REQUEST, "title must be 1 to 255 characters");
        verify(issues, never()).update(anyLong(), any(), any(), any());
        verifyNoInteractions(events);
    }

    @ParameterizedTest
    @ValueSource(strings = {"999999999", "0", "-1", "not-a-number", "1 OR 1=1", "99999999999999999999999"})
    @WithCaller
    void unknownIdsAreNotFound(String id) {
        graphQl.document(ISSUE).variable("id", id).execute().path("issue").valueIsNull();
        expectError(graphQl.document(UPDATE).variable("id", id).variable("title", "x"), ErrorType.NOT_FOUND, "no issue has this id");
        expectError(graphQl.document(DELETE).variable("id", id), ErrorType.NOT_FOUND, "no issue has this id");
        verify(issues, never()).update(anyLong(), any(), any(), any());
        verify(issues, never()).delete(anyLong());
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
    @WithCaller
    void documentsThatDoNotFitTheSchemaAreBadRequests(String document) {
        graphQl.document(document).execute().errors().satisfy(errors -> {
            assertThat(errors).isNotEmpty();
            assertThat(errors).allSatisfy(error -> {
                assertThat(error.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
                assertThat(error.getMessage()).isNotBlank().doesNotContain("Exception");
            });
        });
        verifyNoInteractions(issues, events);
    }

    private static void signIn(Caller caller) {
        TestSecurityContextHolder.setContext(WithCaller.Factory.context(caller.id, caller.roles, caller.member, caller.closing));
    }
}
