package io.issuegraph.example.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.client.HttpGraphQlClient;

/**
 * Keeps a copy of every issue up to date, as a service that mirrors the tracker would: the sync loop of
 * docs/api.md#syncing. Each round reads the issues changed after a moment, the oldest change first, page by
 * page with the cursor (which crosses changes made in the same millisecond). The next round starts a
 * {@link #MARGIN} before the last change seen: a change may commit a moment after its {@code updatedAt}, on
 * another instance too. What is read twice changes nothing, since the copy takes an issue only when its
 * {@code updatedAt} is newer than the one it holds. Deletions do not show here: they come as DELETED events
 * of the live stream ({@code issueEvents}), which a service subscribes to before it catches up.
 * Its operation is {@code src/main/resources/graphql-documents/issuesChangedSince.graphql}.
 */
public final class IssueSync {

    static final Duration MARGIN = Duration.ofMinutes(1);

    private final HttpGraphQlClient graphQl;
    private final int pageSize;
    private final Map<String, Issue> copy = new LinkedHashMap<>();
    /** Where the next round starts; null: from the beginning. */
    private Instant since;

    public IssueSync(ServiceSettings settings, Clock clock) {
        this.graphQl = IssuegraphClient.create(settings, clock);
        this.pageSize = settings.pageSize();
    }

    /** One round: the changes since the last one into the copy; returns the issues that were new or changed. */
    public List<Issue> round() {
        List<Issue> changed = new ArrayList<>();
        Instant last = null;
        String after = null;
        do {
            Page page = IssuegraphClient.valid(graphQl.documentName("issuesChangedSince")
                    .variable("since", since == null ? null : since.toString())
                    .variable("first", pageSize)
                    .variable("after", after)
                    .execute()
                    .block()).field("issues").toEntity(Page.class);
            for (Edge edge : page.edges()) {
                Issue issue = edge.node();
                Issue held = copy.get(issue.id());
                if (held == null || issue.changedAt().isAfter(held.changedAt())) {
                    copy.put(issue.id(), issue);
                    changed.add(issue);
                }
                last = issue.changedAt();
            }
            after = page.pageInfo().hasNextPage() ? page.pageInfo().endCursor() : null;
        } while (after != null);
        if (last != null) {
            since = last.minus(MARGIN);
        }
        return changed;
    }

    /** The copy: every issue changed since the first round began, as last read. */
    public Map<String, Issue> copy() {
        return Map.copyOf(copy);
    }

    /** Syncs every ten seconds, printing what changed. */
    public static void main(String[] args) throws InterruptedException {
        IssueSync sync = new IssueSync(ServiceSettings.fromEnvironment(System.getenv()), Clock.systemUTC());
        while (true) {
            for (Issue issue : sync.round()) {
                System.out.printf("%s  %-11s  %s%n", issue.updatedAt(), issue.status(), issue.title());
            }
            Thread.sleep(Duration.ofSeconds(10).toMillis());
        }
    }

    record Page(List<Edge> edges, IssueReport.PageInfo pageInfo) {
    }

    record Edge(Issue node) {
    }

    public record Issue(String id, String title, String status, String updatedAt) {

        Instant changedAt() {
            return Instant.parse(updatedAt);
        }
    }
}
