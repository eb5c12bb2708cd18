package io.issuegraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.parser.Parser;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The shape limits on parsed documents, without a server: the defaults, fragments counted where spread. */
class OperationShapeTest {

    private static final GraphQlApiProperties DEFAULTS = new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("issuegraph.graphql", GraphQlApiProperties.class);

    private static Optional<String> excess(String document) {
        return OperationShape.excess(Parser.parse(document), DEFAULTS);
    }

    private static String repeat(int times, String text) {
        return IntStream.range(0, times).mapToObj(i -> text.replace("#", String.valueOf(i))).collect(Collectors.joining(" "));
    }

    @Test
    void ordinaryOperationsFit() {
        assertThat(excess("query Page { issues(first: 100) { edges { cursor node { id title status assignee { id name } } } "
                + "pageInfo { hasNextPage endCursor } totalCount } me { id name } }")).isEmpty();
        assertThat(excess("mutation { createIssue(input: {title: \"x\"}) { id } }")).isEmpty();
    }

    @Test
    void eachLimitRefusesItsAttackWithASentence() {
        assertThat(excess("{ me { " + repeat(16, "a#: id") + " } }")).hasValueSatisfying(m -> assertThat(m).contains("15 aliases"));
        assertThat(excess("{ " + repeat(6, "me { id }") + " }")).hasValueSatisfying(m -> assertThat(m).contains("5 top-level"));
        assertThat(excess("mutation { a: deleteIssue(id: \"1\") b: deleteIssue(id: \"2\") }"))
                .hasValueSatisfying(m -> assertThat(m).contains("at most 1 mutation field"));
        assertThat(excess("{ me { " + "id ".repeat(501) + "} }")).hasValueSatisfying(m -> assertThat(m).contains("500 fields"));
        assertThat(excess("{ me { id " + "@include(if: true) ".repeat(11) + "} }"))
                .hasValueSatisfying(m -> assertThat(m).contains("10 directives"));
    }

    @Test
    void fragmentsCountWhereverTheyAreSpread() {
        String fanOut = "{ me { ...a } } fragment a on Viewer { ...b ...b ...b ...b } fragment b on Viewer { ...c ...c ...c ...c } "
                + "fragment c on Viewer { ...d ...d ...d ...d } fragment d on Viewer { id name email roles id name email roles }";

        assertThat(excess(fanOut)).hasValueSatisfying(m -> assertThat(m).contains("fragments count each time"));
        assertThat(excess("{ ...q } fragment q on Query { ...q me { id } }")).as("a cycle is left to validation").isEmpty();
    }
}
