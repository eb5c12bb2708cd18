package io.issuegraph.issue;

import graphql.language.EnumValue;
import graphql.language.IntValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.Value;
import graphql.schema.DataFetchingEnvironment;
import io.issuegraph.identity.IdentityAuthentication;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
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
            @Argument IssueOrder orderBy, IdentityAuthentication caller, DataFetchingEnvironment environment) {
        IssueCriteria criteria = issues.criteria(filter, caller.getPrincipal());
        IssuePage page = issues.page(criteria, first != null ? first : ((IntValue) schemaDefault(environment, "first"))
                .getValue().intValueExact(), after, orderBy != null ? orderBy : defaultOrder(environment));
        List<IssueEdge> edges = page.issues().stream().map(issue -> new IssueEdge(page.cursor(issue), issue)).toList();
        return new IssueConnection(edges, new PageInfo(page.hasNextPage(), page.endCursor()), criteria);
    }

    /** A client that sends an explicit null gets the schema's default too: the schema holds the only default. */
    private static Value<?> schemaDefault(DataFetchingEnvironment environment, String argument) {
        return (Value<?>) environment.getFieldDefinition().getArgument(argument).getArgumentDefaultValue().getValue();
    }

    private static IssueOrder defaultOrder(DataFetchingEnvironment environment) {
        Map<String, String> fields = ((ObjectValue) schemaDefault(environment, "orderBy")).getObjectFields().stream()
                .collect(Collectors.toMap(ObjectField::getName, field -> ((EnumValue) field.getValue()).getName()));
        return new IssueOrder(IssueOrder.IssueOrderField.valueOf(fields.get("field")),
                IssueOrder.OrderDirection.valueOf(fields.get("direction")));
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
    Issue createIssue(@Argument IssueInputs.CreateIssueInput input, IdentityAuthentication caller) {
        return issues.create(input, caller.getPrincipal());
    }

    @MutationMapping
    Issue updateIssue(@Argument String id, @Argument IssueInputs.UpdateIssueInput input,
            IdentityAuthentication caller) {
        return issues.update(id, input, caller.getPrincipal());
    }

    @MutationMapping
    String deleteIssue(@Argument String id, IdentityAuthentication caller) {
        return issues.delete(id, caller.getPrincipal());
    }
}
