package io.issuegraph.example.service;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The report against a running issuegraph with its local identity (client-examples/local-server.sh
 * start sets ISSUEGRAPH_URL and ISSUEGRAPH_IDENTITY_URL): a new service account signs up, another
 * account adds issues, and the report prints exactly the DONE ones, newest first, across pages.
 */
class IssueReportIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    @Test
    void printsEveryIssueOfAStatusAcrossPages() throws Exception {
        String server = System.getenv("ISSUEGRAPH_URL");
        String identity = System.getenv("ISSUEGRAPH_IDENTITY_URL");
        assumeTrue(server != null && identity != null, "no running issuegraph: see client-examples/local-server.sh");

        String run = UUID.randomUUID().toString().substring(0, 8);
        String author = signUpAndLogIn(identity, "author-" + run + "@example.com");
        List<String> done = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            done.add(0, "Report " + run + " done " + i);
            create(server, author, "Report " + run + " done " + i, "DONE");
        }
        create(server, author, "Report " + run + " still to do", "TODO");

        String serviceEmail = "service-" + run + "@example.com";
        signUpAndLogIn(identity, serviceEmail);
        ServiceSettings settings = ServiceSettings.fromEnvironment(Map.of(
                "ISSUEGRAPH_URL", server, "ISSUEGRAPH_IDENTITY_URL", identity,
                "ISSUEGRAPH_SERVICE_EMAIL", serviceEmail, "ISSUEGRAPH_SERVICE_PASSWORD", "service-password-1",
                "ISSUE_STATUS", "DONE", "ISSUEGRAPH_PAGE_SIZE", "2"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int count = new IssueReport(settings, Clock.systemUTC()).printAll(new PrintStream(out, true, UTF_8));

        List<String> ours = out.toString(UTF_8).lines().filter(line -> line.contains("Report " + run)).toList();
        assertThat(ours).hasSize(5);
        assertThat(ours).allSatisfy(line -> assertThat(line).contains("  DONE  ").endsWith("(author-" + run + ")"));
        assertThat(ours.stream().map(line -> line.replaceAll("^.*  DONE +(.*)  \\(.*$", "$1")).toList())
                .isEqualTo(done);
        assertThat(count).isGreaterThanOrEqualTo(5);
    }

    private static String signUpAndLogIn(String identity, String email) throws IOException, InterruptedException {
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

    private static void create(String server, String token, String title, String status)
            throws IOException, InterruptedException {
        String body = send(HttpRequest.newBuilder(URI.create(server + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"query":"mutation($t: String!, $s: IssueStatus!) { createIssue(input: {title: $t, status: $s}) { id } }",
                         "variables":{"t":"%s","s":"%s"}}""".formatted(title, status))).build());
        assertThat(body).contains("\"createIssue\"").doesNotContain("\"errors\"");
    }

    private static String send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
