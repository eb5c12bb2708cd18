package io.issuegraph.example.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The running issuegraph and its local identity that the integration tests use (client-examples/local-server.sh
 * start sets ISSUEGRAPH_URL and ISSUEGRAPH_IDENTITY_URL), and what the tests do there besides the service.
 */
final class LocalIssuegraph {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private LocalIssuegraph() {
    }

    /** The server's URL; the test is skipped when there is none (outside CI). */
    static String server() {
        return required("ISSUEGRAPH_URL");
    }

    static String identity() {
        return required("ISSUEGRAPH_IDENTITY_URL");
    }

    /**
     * Skipped without a running issuegraph, so that the example builds on its own; never in CI, whose
     * .ci/run starts one: there a missing server is a failure, not a skipped test.
     */
    private static String required(String name) {
        String value = System.getenv(name);
        if (System.getenv("CI") != null) {
            assertThat(value).as(name + " (CI runs these tests against client-examples/local-server.sh)").isNotNull();
        }
        assumeTrue(value != null, "no running issuegraph: see client-examples/local-server.sh");
        return value;
    }

    /** Signs a new account up; returns its access token. */
    static String signUpAndLogIn(String identity, String email) throws IOException, InterruptedException {
        String password = email.startsWith("service-") ? "service-password-1" : "author-password-1";
        send(HttpRequest.newBuilder(URI.create(identity + "/signup"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")).build());
        String token = send(HttpRequest.newBuilder(URI.create(identity + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=password&username=" + email.replace("@", "%40") + "&password=" + password))
                .build());
        Matcher matcher = ACCESS_TOKEN.matcher(token);
        assertThat(matcher.find()).as(token).isTrue();
        return matcher.group(1);
    }

    /** A new service account, and the service's settings with it. */
    static ServiceSettings serviceAccount(String run, String status, int pageSize) throws IOException, InterruptedException {
        String email = "service-" + run + "@example.com";
        signUpAndLogIn(identity(), email);
        return ServiceSettings.fromEnvironment(Map.of("ISSUEGRAPH_URL", server(), "ISSUEGRAPH_IDENTITY_URL", identity(),
                "ISSUEGRAPH_SERVICE_EMAIL", email, "ISSUEGRAPH_SERVICE_PASSWORD", "service-password-1",
                "ISSUE_STATUS", status, "ISSUEGRAPH_PAGE_SIZE", String.valueOf(pageSize)));
    }

    /** Creates an issue; returns its id. */
    static String create(String server, String token, String title, String status)
            throws IOException, InterruptedException {
        return mutate(server, token, """
                {"query":"mutation($t: String!, $s: IssueStatus!) { createIssue(input: {title: $t, status: $s}) { id } }",
                 "variables":{"t":"%s","s":"%s"}}""".formatted(title, status));
    }

    static void updateStatus(String server, String token, String id, String status)
            throws IOException, InterruptedException {
        mutate(server, token, """
                {"query":"mutation($id: ID!, $s: IssueStatus!) { updateIssue(id: $id, input: {status: $s}) { id } }",
                 "variables":{"id":"%s","s":"%s"}}""".formatted(id, status));
    }

    /** Sends a mutation that answers an issue's id; returns that id. */
    private static String mutate(String server, String token, String request) throws IOException, InterruptedException {
        String body = send(HttpRequest.newBuilder(URI.create(server + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(request)).build());
        assertThat(body).doesNotContain("\"errors\"");
        Matcher id = ID.matcher(body);
        assertThat(id.find()).as(body).isTrue();
        return id.group(1);
    }

    private static String send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
