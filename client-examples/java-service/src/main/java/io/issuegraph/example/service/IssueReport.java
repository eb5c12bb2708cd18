package io.issuegraph.example.service;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.HttpGraphQlClient;

/**
 * Prints every issue in one status, page by page with the cursor: "another service querying issues".
 * Its operation is {@code src/main/resources/graphql-documents/issuesByStatus.graphql}.
 */
public final class IssueReport {

    private final HttpGraphQlClient graphQl;
    private final ServiceSettings settings;

    public IssueReport(ServiceSettings settings, Clock clock) {
        this.graphQl = IssuegraphClient.create(settings, clock);
        this.settings = settings;
    }

    /** Prints the issues to {@code out}, one line each; returns how many. */
    public int printAll(PrintStream out) {
        int printed = 0;
        String after = null;
        do {
            ClientGraphQlResponse response = IssuegraphClient.valid(graphQl.documentName("issuesByStatus")
                    .variable("status", settings.status())
                    .variable("first", settings.pageSize())
                    .variable("after", after)
                    .execute()
                    .block());
            IssuePage page = response.field("issues").toEntity(IssuePage.class);
            for (Edge edge : page.edges()) {
                Issue issue = edge.node();
                out.printf("%s  %-11s  %s  (%s)%n", issue.createdAt(), issue.status(), issue.title(),
                        issue.assignee().name());
                printed++;
            }
            after = page.pageInfo().hasNextPage() ? page.pageInfo().endCursor() : null;
        } while (after != null);
        return printed;
    }

    public static void main(String[] args) {
        ServiceSettings settings = ServiceSettings.fromEnvironment(System.getenv());
        int count = new IssueReport(settings, Clock.systemUTC()).printAll(System.out);
        System.out.printf("%d issue(s) with status %s%n", count, settings.status());
    }

    record IssuePage(int totalCount, List<Edge> edges, PageInfo pageInfo) {
    }

    record Edge(Issue node) {
    }

    record Issue(String id, String title, String status, String createdAt, Assignee assignee) {
    }

    record Assignee(String name, String email) {
    }

    record PageInfo(boolean hasNextPage, String endCursor) {
    }
}
