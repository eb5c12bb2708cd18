package io.issuegraph.graphql.plan;

import graphql.collect.ImmutableMapWithNullValues;
import graphql.execution.MergedField;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import java.util.List;

/**
 * What to do with one object of a known type for one selection: its fields in response order, each
 * merged from the document as graphql-java's {@code FieldCollector} merges them.
 *
 * @param type the object type
 * @param keys the response keys, in order
 * @param fields the fields, in the same order
 */
record ObjectPlan(GraphQLObjectType type, List<String> keys, FieldPlan[] fields) {

    /**
     * One field of an object: what to call and how to complete its value.
     *
     * @param key the response key (the alias, or the name)
     * @param field the field's nodes in the document, merged
     * @param definition the schema's field
     * @param parentType the object type the field belongs to
     * @param fetcher the schema's data fetcher, the one graphql-java would call
     * @param arguments the coerced arguments when they use no variables (coerced once, when compiled), else null
     * @param completion how the fetched value becomes the response's value
     */
    record FieldPlan(String key, MergedField field, GraphQLFieldDefinition definition, GraphQLObjectType parentType,
            DataFetcher<?> fetcher, ImmutableMapWithNullValues<String, Object> arguments, Completion completion) {
    }

    /**
     * How a value of one output type is completed: a non-null wrapper, a list, a leaf, or an object with
     * its plan. One node per type wrapper, so a value walks the same tree graphql-java's type walk does.
     */
    sealed interface Completion {
    }

    record NonNull(Completion inner) implements Completion {
    }

    record ListOf(Completion element) implements Completion {
    }

    /** A scalar or an enum, serialised by the type's own coercing. */
    record Leaf(GraphQLOutputType type) implements Completion {
    }

    record Composite(ObjectPlan plan) implements Completion {
    }
}
