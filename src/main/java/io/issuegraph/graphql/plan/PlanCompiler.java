package io.issuegraph.graphql.plan;

import graphql.collect.ImmutableMapWithNullValues;
import graphql.execution.CoercedVariables;
import graphql.execution.ExecutionContext;
import graphql.execution.FieldCollector;
import graphql.execution.FieldCollectorParameters;
import graphql.execution.MergedField;
import graphql.execution.MergedSelectionSet;
import graphql.execution.ValuesResolver;
import graphql.introspection.Introspection;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.Directive;
import graphql.language.Field;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import io.issuegraph.graphql.plan.ObjectPlan.Completion;
import io.issuegraph.graphql.plan.ObjectPlan.FieldPlan;
import java.util.List;
import java.util.Set;

/**
 * Compiles the fields an operation selects into an {@link ObjectPlan} tree, once per document (and per
 * value of the variables its {@code @skip}/{@code @include} read). Fields are collected and merged by
 * graphql-java's own {@link FieldCollector}, field definitions and data fetchers come from the schema
 * as graphql-java looks them up, and arguments without variables are coerced here, once, by
 * graphql-java's {@link ValuesResolver}: the plan decides nothing graphql-java would decide otherwise.
 * What it does not cover is refused with {@link Unsupported}, and runs through graphql-java
 * (docs/architecture.md#compiled-execution).
 */
final class PlanCompiler {

    private static final Set<String> CONDITIONS = Set.of("skip", "include");
    private static final Set<String> INTROSPECTION = Set.of(Introspection.SchemaMetaFieldDef.getName(),
            Introspection.TypeMetaFieldDef.getName());

    private final ExecutionContext context;
    private final GraphQLSchema schema;
    private final GraphQLCodeRegistry codeRegistry;
    private final FieldCollector collector = new FieldCollector();

    /** Thrown when an operation selects what plans do not cover. */
    static final class Unsupported extends Exception {

        Unsupported(String what) {
            super(what, null, false, false);
        }
    }

    PlanCompiler(ExecutionContext context) {
        this.context = context;
        this.schema = context.getGraphQLSchema();
        this.codeRegistry = schema.getCodeRegistry();
    }

    ObjectPlan compile(GraphQLObjectType rootType, MergedSelectionSet rootFields) throws Unsupported {
        for (MergedField field : rootFields.getSubFieldsList()) {
            if (INTROSPECTION.contains(field.getName())) {
                throw new Unsupported("introspection");
            }
        }
        return object(rootType, rootFields);
    }

    private ObjectPlan object(GraphQLObjectType type, MergedSelectionSet selection) throws Unsupported {
        FieldPlan[] fields = new FieldPlan[selection.size()];
        int i = 0;
        for (MergedField field : selection.getSubFieldsList()) {
            fields[i++] = field(type, field);
        }
        return new ObjectPlan(type, List.copyOf(selection.getKeys()), fields);
    }

    private FieldPlan field(GraphQLObjectType parentType, MergedField field) throws Unsupported {
        for (Field node : field.getFields()) {
            for (Directive directive : node.getDirectives()) {
                if (!CONDITIONS.contains(directive.getName())) {
                    throw new Unsupported("directive @" + directive.getName());
                }
            }
        }
        GraphQLFieldDefinition definition = Introspection.getFieldDefinition(schema, parentType, field.getName());
        return new FieldPlan(field.getResultKey(), field, definition, parentType,
                codeRegistry.getDataFetcher(parentType, definition), constantArguments(definition, field),
                completion(definition.getType(), field));
    }

    /** The arguments coerced now, when they read no variable; null when they must be coerced per request. */
    private ImmutableMapWithNullValues<String, Object> constantArguments(GraphQLFieldDefinition definition, MergedField field) {
        if (definition.getArguments().isEmpty()) {
            return ImmutableMapWithNullValues.emptyMap();
        }
        for (Argument argument : field.getArguments()) {
            if (readsVariables(argument.getValue())) {
                return null;
            }
        }
        return ImmutableMapWithNullValues.copyOf(ValuesResolver.getArgumentValues(codeRegistry, definition.getArguments(),
                field.getArguments(), CoercedVariables.emptyVariables(), context.getGraphQLContext(), context.getLocale()));
    }

    private static boolean readsVariables(Value<?> value) {
        if (value instanceof VariableReference) {
            return true;
        }
        if (value instanceof ArrayValue array) {
            for (Value<?> element : array.getValues()) {
                if (readsVariables(element)) {
                    return true;
                }
            }
        }
        if (value instanceof ObjectValue object) {
            for (ObjectField objectField : object.getObjectFields()) {
                if (readsVariables(objectField.getValue())) {
                    return true;
                }
            }
        }
        return false;
    }

    private Completion completion(GraphQLOutputType type, MergedField field) throws Unsupported {
        if (type instanceof GraphQLNonNull nonNull) {
            return new ObjectPlan.NonNull(completion((GraphQLOutputType) nonNull.getWrappedType(), field));
        }
        if (type instanceof GraphQLList list) {
            return new ObjectPlan.ListOf(completion((GraphQLOutputType) list.getWrappedType(), field));
        }
        if (GraphQLTypeUtil.isLeaf(type)) {
            return new ObjectPlan.Leaf(type);
        }
        if (type instanceof GraphQLObjectType objectType) {
            FieldCollectorParameters parameters = FieldCollectorParameters.newParameters().schema(schema).objectType(objectType)
                    .fragments(context.getFragmentsByName()).variables(context.getCoercedVariables().toMap())
                    .graphQLContext(context.getGraphQLContext()).build();
            return new ObjectPlan.Composite(object(objectType, collector.collectFields(parameters, field)));
        }
        // An interface or a union: which object type a value has is the type resolver's to say, per value.
        throw new Unsupported("abstract type " + GraphQLTypeUtil.simplePrint(type));
    }
}
