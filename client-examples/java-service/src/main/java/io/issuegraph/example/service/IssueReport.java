package io.issuegraph.example.service;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.HttpGraphQlClient;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Prints every issue in one status, page by page with the cursor: "another service querying issues".
 * Its operation is {@code src/main/resources/graphql-documents/issuesByStatus.graphql}.
 */
public final class IssueReport {

    private final HttpGraphQlClient graphQl;
    private final ServiceSettings settings;

    public IssueReport(ServiceSettings settings, Clock clock) {
        GoTrueTokens tokens = new GoTrueTokens(WebClient.builder(), settings, clock);
        WebClient webClient = WebClient.builder()
                .baseUrl(settings.graphqlUrl().toString())
                .filter(new BackOff(5, Duration.ofSeconds(1)))
                // a current token on every request, retries included (a long wait may outlast a token)
                .filter((request, next) -> Mono.fromCallable(tokens::accessToken)
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(token -> next.exchange(ClientRequest.from(request)
                                .headers(headers -> headers.setBearerAuth(token)).build())))
                .build();
        this.graphQl = HttpGraphQlClient.builder(webClient).build();
        this.settings = settings;
    }

    /** Prints the issues to {@code out}, one line each; returns how many. */
    public int printAll(PrintStream out) {
        int printed = 0;
        String after = null;
        do {
            ClientGraphQlResponse response = graphQl.documentName("issuesByStatus")
                    .variable("status", settings.status())
                    .variable("first", settings.pageSize())
                    .variable("after", after)
                    .execute()
                    .block();
            if (response == null || !response.isValid() || !response.getErrors().isEmpty()) {
                throw new IllegalStateException("issuegraph refused the query: "
                        + (response == null ? "no response" : response.getErrors()));
            }
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
