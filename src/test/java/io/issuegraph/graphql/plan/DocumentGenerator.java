package io.issuegraph.graphql.plan;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Valid GraphQL documents over a schema, drawn from a seeded random source: queries and mutations with
 * aliases, repeated fields that merge, inline fragments with and without a type condition, named
 * fragments, {@code @skip}/{@code @include} with literals and variables, {@code __typename}, and
 * arguments as literals, as variables given, left out or defaulted, and as null.
 */
final class DocumentGenerator {

    /** A document and the variables of each of its runs. */
    record Case(String document, List<Map<String, Object>> variables) {
    }

    private final GraphQLSchema schema;
    private final Random random;
    private final StringBuilder fragments = new StringBuilder();
    private final Map<String, String> declarations = new LinkedHashMap<>();
    /** Per variable, how to draw a value for it (null: leave it out). */
    private final Map<String, GraphQLInputType> variableTypes = new LinkedHashMap<>();
    private int names;

    DocumentGenerator(GraphQLSchema schema, long seed) {
        this.schema = schema;
        this.random = new Random(seed);
    }

    Case next() {
        fragments.setLength(0);
        declarations.clear();
        variableTypes.clear();
        names = 0;
        boolean mutation = random.nextInt(4) == 0;
        GraphQLObjectType root = mutation ? schema.getMutationType() : schema.getQueryType();
        String selection = selection(root, 0, mutation ? 1 : 1 + random.nextInt(3));
        StringBuilder document = new StringBuilder(mutation ? "mutation" : "query");
        if (random.nextBoolean()) {
            document.append(" Op").append(random.nextInt(100));
        }
        if (!declarations.isEmpty()) {
            document.append('(').append(String.join(", ", declarations.values())).append(')');
        }
        document.append(' ').append(selection).append(fragments);
        List<Map<String, Object>> runs = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            Map<String, Object> variables = new LinkedHashMap<>();
            variableTypes.forEach((name, type) -> {
                if (type instanceof GraphQLNonNull || random.nextInt(4) != 0) {
                    variables.put(name, random.nextInt(8) == 0 && !(type instanceof GraphQLNonNull) ? null : value(type));
                }
            });
            runs.add(variables);
        }
        return new Case(document.toString(), runs);
    }

    private String selection(GraphQLObjectType type, int depth, int count) {
        List<GraphQLFieldDefinition> fields = new ArrayList<>(type.getFieldDefinitions());
        Collections.shuffle(fields, random);
        StringBuilder selection = new StringBuilder("{");
        for (GraphQLFieldDefinition field : fields.subList(0, Math.min(count, fields.size()))) {
            String one = field(field, depth);
            int wrap = random.nextInt(12);
            if (wrap == 0) {
                one = "... on " + type.getName() + " { " + one + " }";
            } else if (wrap == 1) {
                one = "... " + condition() + " { " + one + " }";
            } else if (wrap == 2) {
                String name = "F" + names++;
                fragments.append(" fragment ").append(name).append(" on ").append(type.getName()).append(" { ").append(one).append(" }");
                one = "..." + name + (random.nextInt(3) == 0 ? " " + condition() : "");
            }
            selection.append(' ').append(one);
            if (field.getArguments().isEmpty() && random.nextInt(8) == 0) {
                selection.append(' ').append(field(field, depth)); // the same field again: merged
            }
        }
        if (random.nextInt(8) == 0) {
            selection.append(" __typename");
        }
        return selection.append(" }").toString();
    }

    private String field(GraphQLFieldDefinition field, int depth) {
        StringBuilder text = new StringBuilder();
        // a field with arguments always has an alias of its own, so that no two of them conflict
        if (!field.getArguments().isEmpty() || random.nextInt(5) == 0) {
            text.append('a').append(names++).append(": ");
        }
        text.append(field.getName());
        List<String> arguments = new ArrayList<>();
        for (GraphQLArgument argument : field.getArguments()) {
            boolean required = argument.getType() instanceof GraphQLNonNull && !argument.hasSetDefaultValue();
            if (required || random.nextBoolean()) {
                arguments.add(argument.getName() + ": " + argumentValue(argument.getType()));
            }
        }
        if (!arguments.isEmpty()) {
            text.append('(').append(String.join(", ", arguments)).append(')');
        }
        if (random.nextInt(6) == 0) {
            text.append(' ').append(condition());
        }
        GraphQLType unwrapped = GraphQLTypeUtil.unwrapAll(field.getType());
        if (unwrapped instanceof GraphQLObjectType object) {
            text.append(' ').append(depth >= 4 ? leaves(object) : selection(object, depth + 1, 1 + random.nextInt(4)));
        }
        return text.toString();
    }

    /** A selection of leaf fields only, where the document is deep enough. */
    private String leaves(GraphQLObjectType type) {
        StringBuilder selection = new StringBuilder("{ __typename");
        for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
            if (GraphQLTypeUtil.isLeaf(GraphQLTypeUtil.unwrapAll(field.getType())) && field.getArguments().isEmpty()
                    && random.nextBoolean()) {
                selection.append(' ').append(field.getName());
            }
        }
        return selection.append(" }").toString();
    }

    private String condition() {
        String directive = random.nextBoolean() ? "@include" : "@skip";
        if (random.nextBoolean()) {
            return directive + "(if: " + random.nextBoolean() + ")";
        }
        return directive + "(if: " + variable(GraphQLNonNull.nonNull(schema.getType("Boolean")), null) + ")";
    }

    private String argumentValue(GraphQLInputType type) {
        int how = random.nextInt(10);
        if (how < 4) {
            // a nullable variable may be declared with a default of its own
            String defaultValue = !(type instanceof GraphQLNonNull) && random.nextInt(3) == 0 ? literal(type) : null;
            return variable(type, defaultValue);
        }
        return literal(type);
    }

    private String variable(GraphQLInputType type, String defaultValue) {
        String name = "v" + names++;
        declarations.put(name, "$" + name + ": " + GraphQLTypeUtil.simplePrint(type)
                + (defaultValue != null ? " = " + defaultValue : ""));
        variableTypes.put(name, type);
        return "$" + name;
    }

    private String literal(GraphQLInputType type) {
        if (type instanceof GraphQLNonNull nonNull) {
            return literal((GraphQLInputType) nonNull.getWrappedType());
        }
        if (random.nextInt(10) == 0) {
            return "null";
        }
        if (type instanceof GraphQLList list) {
            List<String> elements = new ArrayList<>();
            for (int i = random.nextInt(3); i >= 0; i--) {
                elements.add(literal((GraphQLInputType) list.getWrappedType()));
            }
            return random.nextInt(4) == 0 ? elements.get(0) : "[" + String.join(", ", elements) + "]";
        }
        if (type instanceof GraphQLInputObjectType input) {
            List<String> fields = new ArrayList<>();
            for (GraphQLInputObjectField field : input.getFieldDefinitions()) {
                if ((field.getType() instanceof GraphQLNonNull && !field.hasSetDefaultValue()) || random.nextBoolean()) {
                    fields.add(field.getName() + ": " + literal(field.getType()));
                }
            }
            return "{" + String.join(", ", fields) + "}";
        }
        Object value = value(type);
        return value instanceof String text && !(type instanceof GraphQLEnumType) ? "\"" + text + "\"" : String.valueOf(value);
    }

    /** A variable's value, as JSON would give it. */
    private Object value(GraphQLInputType type) {
        if (type instanceof GraphQLNonNull nonNull) {
            return value((GraphQLInputType) nonNull.getWrappedType());
        }
        if (type instanceof GraphQLList list) {
            List<Object> elements = new ArrayList<>();
            for (int i = random.nextInt(3); i >= 0; i--) {
                elements.add(value((GraphQLInputType) list.getWrappedType()));
            }
            return elements;
        }
        if (type instanceof GraphQLInputObjectType input) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (GraphQLInputObjectField field : input.getFieldDefinitions()) {
                if ((field.getType() instanceof GraphQLNonNull && !field.hasSetDefaultValue()) || random.nextBoolean()) {
                    fields.put(field.getName(), value(field.getType()));
                }
            }
            return fields;
        }
        if (type instanceof GraphQLEnumType enumType) {
            return enumType.getValues().get(random.nextInt(enumType.getValues().size())).getName();
        }
        return switch (((GraphQLScalarType) type).getName()) {
            case "Int" -> random.nextInt(120) - 10;
            case "Boolean" -> random.nextBoolean();
            case "DateTime" -> "2026-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10) + "T10:15:30.123Z";
            default -> List.of("fix", "login", "the bug", "ünïcode ✓", "a\\\\b", "")
                    .get(random.nextInt(6)) + random.nextInt(10);
        };
    }
}
