package io.issuegraph.graphql.plan;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.execution.AsyncSerialExecutionStrategy;
import io.issuegraph.identity.standin.GoTrueStandIn;
import io.issuegraph.testsupport.IntegrationTest;
import io.issuegraph.testsupport.ShadowExecution;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.execution.GraphQlSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The proof of sameness over HTTP, with the real resolvers, method security, exception resolvers and
 * database: every document is sent to this server (compiled plans) and to a second one on the same
 * database with {@code issuegraph.graphql.compiled-execution=false} (graphql-java alone), with the same
 * request id, and the answers must be identical: status and body. Reads are compared byte for byte;
 * a mutation that succeeds changes the data, so its two answers are compared with ids, cursors and
 * instants replaced by placeholders (its refusals are compared byte for byte).
 */
class CompiledExecutionTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PAGE = "edges { cursor node { id title status assignee { id name email } createdAt updatedAt"
            + " viewerCanUpdate viewerCanDelete } } pageInfo { hasNextPage endCursor }";

    @Autowired
    private GraphQlSource compiled;
    private ConfigurableApplicationContext graphQlJavaOnly;
    /** Answers with at least one issue in them: the comparisons are of pages, not of empty answers. */
    private int withIssues;
    private int referencePort;
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final List<String> issueIds = new ArrayList<>();

    @BeforeAll
    void startAServerWithoutPlans() {
        graphQlJavaOnly = anotherInstance(Map.of("issuegraph.graphql.compiled-execution", "false"));
        referencePort = port(graphQlJavaOnly);
        assertThat(graphQlJavaOnly.getBean(GraphQlSource.class).graphQl().getQueryStrategy())
                .isExactlyInstanceOf(AsyncSerialExecutionStrategy.class);
        assertThat(ShadowExecution.compared(compiled.graphQl().getQueryStrategy()))
                .isExactlyInstanceOf(CompiledExecutionStrategy.class);
    }

    @AfterAll
    void stopIt() {
        graphQlJavaOnly.close();
    }

    @BeforeAll
    void peopleAndIssues() {
        GoTrueStandIn.User member = newUser("Mia Member");
        GoTrueStandIn.User other = newUser("Otto Other");
        tokens.put("member", gotrue.accessToken(member));
        tokens.put("other", gotrue.accessToken(other));
        tokens.put("admin", gotrue.accessToken(newAdmin()));
        for (String user : List.of("member", "other", "member", "admin", "member")) {
            for (String title : List.of("Fix the login", "Tidy the docs", "Ship it")) {
                Map<String, Object> created = answer(send(port, "mutation { createIssue(input: {title: \"" + title + "\", status: "
                        + (title.startsWith("Ship") ? "DONE" : "TODO") + "}) { id } }", Map.of(), user));
                issueIds.add((String) ((Map<?, ?>) ((Map<?, ?>) created.get("data")).get("createIssue")).get("id"));
            }
        }
    }

    @Test
    void readsAreByteIdentical() {
        List<String> documents = List.of(
                "{ issues { " + PAGE + " totalCount } }",
                "query List { issues(first: 20) { edges { node { id title status assignee { name email } createdAt } } "
                        + "pageInfo { hasNextPage endCursor } } }",
                "query($after: String) { issues(first: 2, after: $after) { " + PAGE + " } }",
                "{ issues(first: 5, filter: {status: [TODO, IN_PROGRESS], assignedToMe: true}) { " + PAGE + " totalCount } }",
                "{ me { id email name roles } __typename }",
                "query One($id: ID!) { issue(id: $id) { ...F } other: issue(id: \"999999\") { id } } fragment F on Issue { id title "
                        + "... on Issue { status viewerCanDelete } assignee { name } }",
                "query($skip: Boolean!) { issues(first: 3) { edges @skip(if: $skip) { node { id } } totalCount } }",
                // refusals: arguments out of range, a cursor that is not one, introspection (graphql-java either way)
                "{ issues(first: 0) { totalCount } }",
                "{ issues(first: 101) { totalCount } }",
                "{ issues(after: \"not-a-cursor\") { totalCount } }",
                "{ issue(id: \"x\") { id } }",
                "{ __schema { queryType { name } } }",
                "{ nope }",
                "query { issues { edges { node { id } } } } query Two { me { id } }");
        List<Map<String, Object>> variableSets = List.of(Map.of(), Map.of("id", issueIds.get(0), "skip", true, "after",
                "bm90LWEtY3Vyc29y"), Map.of("id", issueIds.get(4), "skip", false));
        for (String document : documents) {
            for (Map<String, Object> variables : variableSets) {
                for (String user : tokens.keySet()) {
                    assertSame(document, variables, user);
                }
            }
        }
        assertThat(withIssues).isGreaterThan(20);
    }

    @Test
    void theWebPagesOperationsAreByteIdentical() throws Exception {
        Map<String, String> documents = JSON.readValue(Files.readString(Path.of("client-examples/web/src/gql/persisted-documents.json")),
                new TypeReference<Map<String, String>>() { });
        Map<String, Object> variables = Map.of("first", 4, "filter", Map.of("status", List.of("TODO")), "id", issueIds.get(2));
        for (String document : documents.values()) {
            if (!document.startsWith("mutation") && !document.startsWith("subscription")) {
                for (String user : tokens.keySet()) {
                    assertSame(document, variables, user);
                }
            }
        }
    }

    @Test
    void mutationsAnswerTheSame() {
        String first = issueIds.get(0); // the member's
        String admins = issueIds.get(9);
        List<String> documents = List.of(
                "mutation { createIssue(input: {title: \"  \"}) { id } }",
                "mutation { createIssue(input: {title: \"A new one\", status: IN_PROGRESS}) { id title status assignee { name } "
                        + "createdAt updatedAt viewerCanUpdate } }",
                "mutation { updateIssue(id: \"" + admins + "\", input: {title: \"mine now\"}) { id title } }",
                "mutation { updateIssue(id: \"" + first + "\", input: {}) { id } }",
                "mutation { updateIssue(id: \"" + first + "\", input: {status: DONE}) { id status title } }",
                "mutation { deleteIssue(id: \"999999\") }",
                "mutation($input: CreateIssueInput!) { createIssue(input: $input) { ...on Issue { title status } } }",
                "mutation { createIssue(input: {title: \"x\"}) { id } deleteIssue(id: \"1\") }");
        for (String document : documents) {
            for (String user : tokens.keySet()) {
                Map<String, Object> variables = Map.of("input", Map.of("title", "From a variable", "status", "DONE"));
                String requestId = UUID.randomUUID().toString();
                HttpResponse<String> compiled = send(port, document, variables, user, requestId);
                HttpResponse<String> reference = send(referencePort, document, variables, user, requestId);
                assertThat(compiled.statusCode()).as(document).isEqualTo(reference.statusCode());
                assertThat(withoutWhatChanges(compiled.body())).as("%s as %s", document, user)
                        .isEqualTo(withoutWhatChanges(reference.body()));
            }
        }
    }

    private void assertSame(String document, Map<String, Object> variables, String user) {
        String requestId = UUID.randomUUID().toString();
        HttpResponse<String> compiled = send(port, document, variables, user, requestId);
        HttpResponse<String> reference = send(referencePort, document, variables, user, requestId);
        assertThat(compiled.statusCode()).as("status of %s with %s as %s", document, variables, user)
                .isEqualTo(reference.statusCode());
        assertThat(compiled.body()).as("%s with %s as %s", document, variables, user).isEqualTo(reference.body());
        withIssues += compiled.body().contains("\"title\":\"") ? 1 : 0;
    }

    private static String withoutWhatChanges(String body) {
        return body.replaceAll("\"(id|cursor|endCursor|createIssue|deleteIssue)\":\"[^\"]*\"", "\"$1\":\"…\"")
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "instant");
    }

    private HttpResponse<String> send(int port, String document, Map<String, Object> variables, String user) {
        return send(port, document, variables, user, UUID.randomUUID().toString());
    }

    private HttpResponse<String> send(int port, String document, Map<String, Object> variables, String user, String requestId) {
        String body = JSON.writeValueAsString(Map.of("query", document, "variables", variables));
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                    .header("Content-Type", "application/json").header("X-Request-Id", requestId)
                    .header("Authorization", "Bearer " + tokens.get(user))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException failed) {
            throw new IllegalStateException(failed);
        }
    }

    private static Map<String, Object> answer(HttpResponse<String> response) {
        return JSON.readValue(response.body(), new TypeReference<Map<String, Object>>() { });
    }
}
