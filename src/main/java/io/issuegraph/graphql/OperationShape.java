package io.issuegraph.graphql;

import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Counts what an operation asks for, with its fragments expanded where they are spread, straight after
 * parsing: before validation, whose cost grows with the same counts. The walk stops at the first limit
 * passed, so a fragment fan-out or cycle costs no more than the limits allow.
 */
final class OperationShape {

    private final GraphQlApiProperties limits;
    private final Map<String, FragmentDefinition> fragments;
    private final boolean mutation;
    private int selections;
    private int aliases;
    private int rootFields;
    private int directives;

    private OperationShape(GraphQlApiProperties limits, Map<String, FragmentDefinition> fragments, boolean mutation) {
        this.limits = limits;
        this.fragments = fragments;
        this.mutation = mutation;
    }

    /** The first limit an operation of the document passes, described for the client; empty when all fit. */
    static Optional<String> excess(Document document, GraphQlApiProperties limits) {
        Map<String, FragmentDefinition> fragments = document.getDefinitionsOfType(FragmentDefinition.class).stream()
                .collect(Collectors.toMap(f -> f.getName(), Function.identity(), (first, second) -> first));
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            var shape = new OperationShape(limits, fragments,
                    operation.getOperation() == OperationDefinition.Operation.MUTATION);
            try {
                shape.directives(operation);
                shape.walk(operation.getSelectionSet(), true, new HashSet<>());
            } catch (LimitPassed passed) {
                return Optional.of(passed.getMessage());
            }
        }
        return Optional.empty();
    }

    private void walk(SelectionSet set, boolean root, Set<String> fragmentPath) {
        if (set == null) {
            return;
        }
        for (Selection<?> selection : set.getSelections()) {
            if (++selections > limits.maxFields()) {
                throw new LimitPassed("The operation selects more than " + limits.maxFields()
                        + " fields (fragments count each time they are spread).");
            }
            if (selection instanceof DirectivesContainer<?> container) {
                directives(container);
            }
            if (selection instanceof Field field) {
                field(field, root);
                walk(field.getSelectionSet(), false, fragmentPath);
            } else if (selection instanceof InlineFragment inline) {
                walk(inline.getSelectionSet(), root, fragmentPath);
            } else if (selection instanceof FragmentSpread spread) {
                FragmentDefinition fragment = fragments.get(spread.getName());
                // An unknown fragment or a cycle is left to validation, which refuses both.
                if (fragment != null && fragmentPath.add(spread.getName())) {
                    directives(fragment);
                    walk(fragment.getSelectionSet(), root, fragmentPath);
                    fragmentPath.remove(spread.getName());
                }
            }
        }
    }

    private void field(Field field, boolean root) {
        if (field.getAlias() != null && ++aliases > limits.maxAliases()) {
            throw new LimitPassed("The operation uses more than " + limits.maxAliases() + " aliases.");
        }
        if (root && mutation && ++rootFields > limits.maxMutationFields()) {
            throw new LimitPassed("A request may run at most " + limits.maxMutationFields()
                    + " mutation field(s); send further mutations as requests of their own.");
        }
        if (root && !mutation && ++rootFields > limits.maxRootFields()) {
            throw new LimitPassed("The operation asks for more than " + limits.maxRootFields() + " top-level fields.");
        }
    }

    private void directives(DirectivesContainer<?> container) {
        List<Directive> used = container.getDirectives();
        directives += used.size();
        if (directives > limits.maxDirectives()) {
            throw new LimitPassed("The operation uses more than " + limits.maxDirectives() + " directives.");
        }
    }

    private static final class LimitPassed extends RuntimeException {
        LimitPassed(String message) {
            super(message, null, false, false);
        }
    }
}
