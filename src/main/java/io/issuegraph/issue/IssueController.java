package io.issuegraph.issue;

import graphql.language.IntValue;
import graphql.schema.DataFetchingEnvironment;
import io.issuegraph.identity.IdentityUser;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/** The issue operations of {@code schema/issues.graphqls}: for members (docs/api.md#who-may-do-what). */
@Controller
@PreAuthorize("hasAuthority('MEMBER')")
class IssueController {

    private final IssueService issues;

    IssueController(IssueService issues) {
        this.issues = issues;
    }

    /** A Relay page; {@code criteria} stays behind for {@link #totalCount}, which runs only when asked for. */
    record IssueConnection(List<IssueEdge> edges, PageInfo pageInfo, IssueCriteria criteria) {
    }

    record IssueEdge(String cursor, Issue node) {
    }

    record PageInfo(boolean hasNextPage, String endCursor) {
    }

    @QueryMapping
    IssueConnection issues(@Argument Integer first, @Argument String after, @Argument IssueInputs.IssueFilter filter,
            @AuthenticationPrincipal IdentityUser caller, DataFetchingEnvironment environment) {
        IssueCriteria criteria = issues.criteria(filter, caller);
        IssuePage page = issues.page(criteria, first != null ? first : schemaDefault(environment, "first"), after);
        List<IssueEdge> edges = page.issues().stream().map(issue -> new IssueEdge(IssuePage.cursor(issue), issue)).toList();
        return new IssueConnection(edges, new PageInfo(page.hasNextPage(), page.endCursor()), criteria);
    }

    /** A client that sends an explicit null gets the schema's default too: the schema holds the only default. */
    private static int schemaDefault(DataFetchingEnvironment environment, String argument) {
        Object literal = environment.getFieldDefinition().getArgument(argument).getArgumentDefaultValue().getValue();
        return ((IntValue) literal).getValue().intValueExact();
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
