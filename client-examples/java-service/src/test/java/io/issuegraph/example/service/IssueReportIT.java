package io.issuegraph.example.service;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The report against a running issuegraph with its local identity (client-examples/local-server.sh
 * start sets ISSUEGRAPH_URL and ISSUEGRAPH_IDENTITY_URL): a new service account signs up, another
 * account adds issues, and the report prints exactly the DONE ones, newest first, across pages.
 */
class IssueReportIT {

    @Test
    void printsEveryIssueOfAStatusAcrossPages() throws Exception {
        String server = LocalIssuegraph.server();
        String identity = LocalIssuegraph.identity();

        String run = UUID.randomUUID().toString().substring(0, 8);
        String author = LocalIssuegraph.signUpAndLogIn(identity, "author-" + run + "@example.com");
        List<String> done = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            done.add(0, "Report " + run + " done " + i);
            LocalIssuegraph.create(server, author, "Report " + run + " done " + i, "DONE");
        }
        LocalIssuegraph.create(server, author, "Report " + run + " still to do", "TODO");

        ServiceSettings settings = LocalIssuegraph.serviceAccount(run, "DONE", 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int count = new IssueReport(settings, Clock.systemUTC()).printAll(new PrintStream(out, true, UTF_8));

        List<String> ours = out.toString(UTF_8).lines().filter(line -> line.contains("Report " + run)).toList();
        assertThat(ours).hasSize(5);
        assertThat(ours).allSatisfy(line -> assertThat(line).contains("  DONE  ").endsWith("(author-" + run + ")"));
        assertThat(ours.stream().map(line -> line.replaceAll("^.*  DONE +(.*)  \\(.*$", "$1")).toList())
                .isEqualTo(done);
        assertThat(count).isGreaterThanOrEqualTo(5);
    }
}
