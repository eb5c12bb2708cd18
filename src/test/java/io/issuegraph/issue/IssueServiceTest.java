package io.issuegraph.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.issuegraph.graphql.ApiException;
import io.issuegraph.identity.IdentityUser;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The issue rules, with the repository stubbed: who may change what, and what a valid change is. */
class IssueServiceTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 1, 12, 0, 0, 0, ZoneOffset.UTC);
    private static final IdentityUser OWNER = new IdentityUser("owner-id", "owner@example.com", "Olga Owner", List.of());
    private static final IdentityUser OTHER = new IdentityUser("other-id", "other@example.com", "Otto Other", List.of());
    private static final IdentityUser ADMIN = new IdentityUser("admin-id", "admin@example.com", "Ada Admin", List.of("admin"));
    private static final Issue ISSUE = new Issue(7, "Login button does nothing", IssueStatus.TODO,
            new Issue.Assignee(OWNER.id(), OWNER.name(), OWNER.email()), NOW, NOW);

    private final IssueRepository repository = mock(IssueRepository.class);
    private final IssueEventOutbox events = mock(IssueEventOutbox.class);
    private final IssueService issues = new IssueService(repository, events, Clock.fixed(Instant.from(NOW), ZoneOffset.UTC),
            new TransactionTemplate(mock(PlatformTransactionManager.class)));

    @Test
    void onlyTheAssigneeOrAnAdminMayChangeOrDeleteAnIssue() {
        when(repository.findById(7)).thenReturn(Optional.of(ISSUE));
        when(repository.update(eq(7L), any(), any(), any())).thenReturn(true);
        when(repository.delete(7)).thenReturn(true);
        var retitle = new IssueInputs.UpdateIssueInput("Renamed", null);

        assertRefused(() -> issues.update("7", retitle, OTHER), ErrorType.FORBIDDEN, "only the issue's assignee or an admin");
        assertRefused(() -> issues.delete("7", OTHER), ErrorType.FORBIDDEN, "only the issue's assignee or an admin");
        verify(repository, never()).update(anyLong(), any(), any(), any());
        verify(repository, never()).delete(anyLong());

        assertThat(issues.update("7", retitle, OWNER)).isEqualTo(ISSUE);
        assertThat(issues.delete("7", ADMIN)).isEqualTo("7");
        verify(events).record(IssueEvent.Kind.UPDATED, ISSUE, IssueStatus.TODO, NOW);
        verify(events).record(IssueEvent.Kind.DELETED, ISSUE, null, NOW);
    }

    @Test
    void anUpdateNeedsSomethingToChangeAndATitleOfOneTo255Characters() {
        when(repository.findById(7)).thenReturn(Optional.of(ISSUE));

        assertRefused(() -> issues.update("7", new IssueInputs.UpdateIssueInput(null, null), OWNER), ErrorType.BAD_REQUEST,
                "nothing to change");
        assertRefused(() -> issues.update("7", new IssueInputs.UpdateIssueInput("   ", null), OWNER), ErrorType.BAD_REQUEST,
                "1 to 255");
        assertRefused(() -> issues.update("7", new IssueInputs.UpdateIssueInput("x".repeat(256), null), OWNER),
                ErrorType.BAD_REQUEST, "1 to 255");
    }

    @Test
    void anIdThatIsNoIssueIsNotFound() {
        when(repository.findById(anyLong())).thenReturn(Optional.empty());

        assertRefused(() -> issues.delete("42", ADMIN), ErrorType.NOT_FOUND, "no issue has this id");
        assertRefused(() -> issues.delete("not-a-number", ADMIN), ErrorType.NOT_FOUND, "no issue has this id");
        assertThat(issues.find("not-a-number")).isNull();
    }

    @Test
    void aCreateIsTrimmedAssignedToTheCallerAndRefusedForAClosedAccount() {
        when(repository.insertForOpenAccount(eq("Trimmed"), eq(IssueStatus.TODO), eq(new Issue.Assignee(OWNER.id(),
                OWNER.name(), OWNER.email())), eq(NOW), any())).thenReturn(Optional.of(ISSUE));

        assertThat(issues.create(new IssueInputs.CreateIssueInput("  Trimmed  ", null, null), OWNER)).isEqualTo(ISSUE);
        verify(events).record(IssueEvent.Kind.CREATED, ISSUE, null, NOW);
        assertRefused(() -> issues.create(new IssueInputs.CreateIssueInput("Late", null, null), OTHER), ErrorType.UNAUTHORIZED,
                "account deleted");
    }

    private static void assertRefused(Runnable call, ErrorType classification, String message) {
        assertThatThrownBy(call::run).isInstanceOf(ApiException.class).hasMessageContaining(message)
                .satisfies(refused -> assertThat(((ApiException) refused).classification()).isEqualTo(classification));
    }
}
