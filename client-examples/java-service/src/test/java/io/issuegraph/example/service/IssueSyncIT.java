package io.issuegraph.example.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The sync loop against a running issuegraph (see {@link LocalIssuegraph}): a first round copies every issue, a
 * later one brings exactly what changed since, and a round without changes brings nothing of ours.
 */
class IssueSyncIT {

    @Test
    void aRoundBringsWhatChangedSinceTheLastOne() throws Exception {
        String server = LocalIssuegraph.server();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String author = LocalIssuegraph.signUpAndLogIn(LocalIssuegraph.identity(), "author-" + run + "@example.com");
        String first = LocalIssuegraph.create(server, author, "Sync " + run + " first", "TODO");
        LocalIssuegraph.create(server, author, "Sync " + run + " second", "TODO");
        IssueSync sync = new IssueSync(LocalIssuegraph.serviceAccount(run, "TODO", 1), Clock.systemUTC());

        assertThat(ours(sync.round(), run)).containsExactly("Sync " + run + " first TODO", "Sync " + run + " second TODO");

        LocalIssuegraph.updateStatus(server, author, first, "DONE");
        LocalIssuegraph.create(server, author, "Sync " + run + " third", "IN_PROGRESS");
        assertThat(ours(sync.round(), run)).containsExactly("Sync " + run + " first DONE", "Sync " + run + " third IN_PROGRESS");

        // the margin reads the last changes again, and the copy, already holding them, changes nothing
        assertThat(ours(sync.round(), run)).isEmpty();
        assertThat(sync.copy().get(first).status()).isEqualTo("DONE");
    }

    private static List<String> ours(List<IssueSync.Issue> changed, String run) {
        return changed.stream().filter(issue -> issue.title().contains(run)).map(issue -> issue.title() + " " + issue.status())
                .toList();
    }
}
