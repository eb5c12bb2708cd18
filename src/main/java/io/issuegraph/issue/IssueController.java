package io.issuegraph.issue;

import io.issuegraph.identity.IdentityUser;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/** The issue operations of {@code schema/issues.graphqls}. */
@Controller
class IssueController {

    private static final int DEFAULT_PAGE_SIZE = 20;

    private final IssueService issues;

    IssueController(IssueService issues) {
        this.issues = issues;
    }

    /** A Relay page; {@code criteria} stays behind for {@link #totalCount}, which runs only when asked for. */
    record IssueConnection(List<IssueEdge> edges, PageInfo pageInfo, IssueRepository.Criteria criteria) {
    }

    record IssueEdge(String cursor, Issue node) {
    }

    record PageInfo(boolean hasNextPage, String endCursor) {
    }

    /** {@code first} is null only when a client sends an explicit null; the schema's default applies then too. */
    @QueryMapping
    IssueConnection issues(@Argument Integer first, @Argument String after, @Argument IssueInputs.IssueFilter filter,
            @AuthenticationPrincipal IdentityUser caller) {
        return page(first == null ? DEFAULT_PAGE_SIZE : first, after, issues.criteria(filter, caller));
    }

    private IssueConnection page(int first, String after, IssueRepository.Criteria criteria) {
        List<Issue> found = issues.pageWithLookahead(criteria, first, after);
        List<IssueEdge> edges = found.stream().limit(first)
                .map(issue -> new IssueEdge(IssueCursor.encode(issue.id()), issue)).toList();
        String endCursor = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new IssueConnection(edges, new PageInfo(found.size() > first, endCursor), criteria);
    }

    @SchemaMapping(typeName = "IssueConnection")
    int totalCount(IssueConnection connection) {
        return Math.toIntExact(issues.count(connection.criteria()));
    }

    @QueryMapping
    Issue issue(@Argument String id) {
        return issues.find(id);
    }

    @MutationMapping
    Issue createIssue(@Argument IssueInputs.CreateIssueInput input, @AuthenticationPrincipal IdentityUser caller) {
        return issues.create(input, caller);
    }

    @MutationMapping
    Issue updateIssue(@Argument String id, @Argument IssueInputs.UpdateIssueInput input,
            @AuthenticationPrincipal IdentityUser caller) {
        return issues.update(id, input, caller);
    }

    @MutationMapping
    String deleteIssue(@Argument String id, @AuthenticationPrincipal IdentityUser caller) {
        return issues.delete(id, caller);
    }
}
