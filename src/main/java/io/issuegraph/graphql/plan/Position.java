package io.issuegraph.graphql.plan;

import graphql.collect.ImmutableMapWithNullValues;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.ExecutionStepInfoFactory;
import graphql.execution.ResultPath;
import graphql.execution.ValuesResolver;
import io.issuegraph.graphql.plan.ObjectPlan.FieldPlan;

/**
 * A place in the result: the root, a field of an object, or an element of a list. Its path, arguments
 * and graphql-java {@link ExecutionStepInfo} are made only when a data fetcher or an error asks for them,
 * and then exactly as graphql-java makes them; a plain property read needs none of them.
 */
final class Position {

    private static final ExecutionStepInfoFactory LIST_ELEMENTS = new ExecutionStepInfoFactory();

    private final Position parent;
    private final FieldPlan field;
    private final int index;
    private ResultPath path;
    private ExecutionStepInfo info;
    private ExecutionStepInfo objectInfo;
    private ImmutableMapWithNullValues<String, Object> arguments;

    private Position(Position parent, FieldPlan field, int index, ResultPath path, ExecutionStepInfo info) {
        this.parent = parent;
        this.field = field;
        this.index = index;
        this.path = path;
        this.info = info;
    }

    static Position root(ExecutionStepInfo info) {
        return new Position(null, null, -1, info.getPath(), info);
    }

    /** The position of a field of the object at this position. */
    Position field(FieldPlan field) {
        return new Position(this, field, -1, null, null);
    }

    /** The position of an element of the list at this position. */
    Position element(int index) {
        return new Position(this, null, index, null, null);
    }

    ResultPath path() {
        if (path == null) {
            path = field != null ? parent.path().segment(field.key()) : parent.path().segment(index);
        }
        return path;
    }

    /** The field's arguments: the plan's, or coerced now from this request's variables. */
    ImmutableMapWithNullValues<String, Object> arguments(ExecutionContext context) {
        if (arguments == null) {
            arguments = field.arguments() != null ? field.arguments()
                    : ImmutableMapWithNullValues.copyOf(ValuesResolver.getArgumentValues(
                            context.getGraphQLSchema().getCodeRegistry(), field.definition().getArguments(),
                            field.field().getArguments(), context.getCoercedVariables(), context.getGraphQLContext(),
                            context.getLocale()));
        }
        return arguments;
    }

    /** As graphql-java's {@code ExecutionStepInfoFactory} makes it for this field or list element. */
    ExecutionStepInfo info(ExecutionContext context) {
        if (info == null) {
            if (field != null) {
                info = ExecutionStepInfo.newExecutionStepInfo().type(field.definition().getType())
                        .fieldDefinition(field.definition()).fieldContainer(field.parentType()).field(field.field())
                        .path(path()).parentInfo(parent.objectInfo(context, field))
                        .arguments(() -> arguments(context)).build();
            } else {
                info = LIST_ELEMENTS.newExecutionStepInfoForListElement(parent.info(context), path());
            }
        }
        return info;
    }

    /** The step info of the object at this position, for the fields under it. */
    private ExecutionStepInfo objectInfo(ExecutionContext context, FieldPlan child) {
        if (objectInfo == null) {
            objectInfo = parent == null ? info : info(context).changeTypeWithPreservedNonNull(child.parentType());
        }
        return objectInfo;
    }
}
