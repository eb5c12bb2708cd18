package io.issuegraph.graphql;

import static io.issuegraph.testsupport.EnvironmentVariables.assertRefused;
import static io.issuegraph.testsupport.EnvironmentVariables.bind;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

/** ISSUEGRAPH_GRAPHQL_*: the limits of one request as an operator sets them (docs/api.md#limits), and those refused. */
class GraphQlApiPropertiesTest {

    @Test
    void defaults() {
        GraphQlApiProperties limits = bind(GraphQlApiProperties.class);
        assertThat(limits.maxRequestBytes()).isEqualTo(DataSize.ofKilobytes(100));
        assertThat(limits).extracting(GraphQlApiProperties::maxDocumentCharacters, GraphQlApiProperties::maxDocumentTokens,
                GraphQlApiProperties::maxParserDepth, GraphQlApiProperties::maxDepth, GraphQlApiProperties::maxComplexity,
                GraphQlApiProperties::maxAliases, GraphQlApiProperties::maxRootFields, GraphQlApiProperties::maxFields,
                GraphQlApiProperties::maxDirectives, GraphQlApiProperties::maxPaginatedFields,
                GraphQlApiProperties::maxMutationFields, GraphQlApiProperties::documentCacheSize)
                .containsExactly(20_000, 2_000, 150, 20, 3_000, 15, 5, 500, 10, 4, 1, 1_000);
        assertThat(limits.trustedDocuments()).isNull();
        assertThat(limits.compiledExecution()).isTrue();
    }

    @Test
    void sizesTakeAUnitAndTrustedDocumentsAPath() {
        GraphQlApiProperties set = bind(GraphQlApiProperties.class, "ISSUEGRAPH_GRAPHQL_MAX_REQUEST_BYTES=1MB",
                "ISSUEGRAPH_GRAPHQL_TRUSTED_DOCUMENTS=/etc/issuegraph/documents.json",
                "ISSUEGRAPH_GRAPHQL_COMPILED_EXECUTION=false");
        assertThat(set.maxRequestBytes().toBytes()).isEqualTo(1024 * 1024);
        assertThat(set.trustedDocuments()).isEqualTo(Path.of("/etc/issuegraph/documents.json"));
        assertThat(set.compiledExecution()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1023B", "65MB"})
    void aRequestSizeOutsideOneKilobyteToSixtyFourMegabytesIsRefused(String size) {
        assertRefused(GraphQlApiProperties.class, "ISSUEGRAPH_GRAPHQL_MAX_REQUEST_BYTES=" + size)
                .hasMessage("ISSUEGRAPH_GRAPHQL_MAX_REQUEST_BYTES must be between 1KB and 64MB, e.g. 100KB.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ISSUEGRAPH_GRAPHQL_MAX_DOCUMENT_CHARACTERS", "ISSUEGRAPH_GRAPHQL_MAX_DOCUMENT_TOKENS",
        "ISSUEGRAPH_GRAPHQL_MAX_PARSER_DEPTH", "ISSUEGRAPH_GRAPHQL_MAX_DEPTH", "ISSUEGRAPH_GRAPHQL_MAX_COMPLEXITY",
        "ISSUEGRAPH_GRAPHQL_MAX_ROOT_FIELDS", "ISSUEGRAPH_GRAPHQL_MAX_FIELDS", "ISSUEGRAPH_GRAPHQL_MAX_PAGINATED_FIELDS",
        "ISSUEGRAPH_GRAPHQL_MAX_MUTATION_FIELDS", "ISSUEGRAPH_GRAPHQL_DOCUMENT_CACHE_SIZE"})
    void aLimitOfZeroIsRefusedByItsName(String variable) {
        assertRefused(GraphQlApiProperties.class, variable + "=0").hasMessage(variable + " must be at least 1.");
    }

    /** Zero aliases or directives is a real choice (a frontend that sends none); below it is a typo. */
    @Test
    void aliasesAndDirectivesMayBeZeroButNotNegative() {
        assertThat(bind(GraphQlApiProperties.class, "ISSUEGRAPH_GRAPHQL_MAX_ALIASES=0", "ISSUEGRAPH_GRAPHQL_MAX_DIRECTIVES=0"))
                .extracting(GraphQlApiProperties::maxAliases, GraphQlApiProperties::maxDirectives).containsExactly(0, 0);
        assertRefused(GraphQlApiProperties.class, "ISSUEGRAPH_GRAPHQL_MAX_DIRECTIVES=-1")
                .hasMessage("ISSUEGRAPH_GRAPHQL_MAX_ALIASES and ISSUEGRAPH_GRAPHQL_MAX_DIRECTIVES must not be negative.");
    }
}
