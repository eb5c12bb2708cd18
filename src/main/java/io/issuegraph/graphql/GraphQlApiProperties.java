package io.issuegraph.graphql;

import io.issuegraph.InvalidConfigurationException;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What one GraphQL request may ask of the server (environment {@code ISSUEGRAPH_GRAPHQL_*}). Every
 * limit is checked before any resolver or SQL runs; docs/api.md#limits explains each.
 *
 * @param maxRequestBytes largest request body (and GET query string); larger ones get HTTP 413 unread
 * @param maxDocumentCharacters largest GraphQL document, in characters
 * @param maxDocumentTokens most lexical tokens in a document
 * @param maxParserDepth deepest nesting the parser follows (grammar rules)
 * @param maxDepth deepest field nesting of an operation
 * @param maxComplexity most fields an operation may resolve, a connection's fields counted {@code first} times
 * @param maxAliases most aliased fields in an operation (fragments counted where they are spread)
 * @param maxRootFields most top-level fields in an operation
 * @param maxFields most fields in an operation (fragments counted where they are spread)
 * @param maxDirectives most directives in an operation
 * @param maxPaginatedFields most fields that query the database for many rows ({@code first}) or count
 *     them ({@code totalCount}) in one operation
 * @param maxMutationFields most mutation fields in one request
 * @param documentCacheSize how many parsed and validated documents are kept for reuse
 * @param trustedDocuments a JSON map of SHA-256 hash to document; when set, only these documents run
 * @param compiledExecution whether queries and mutations run through compiled plans (docs/architecture.md#compiled-execution)
 */
@ConfigurationProperties("issuegraph.graphql")
public record GraphQlApiProperties(
        @DefaultValue("100KB") DataSize maxRequestBytes,
        @DefaultValue("20000") int maxDocumentCharacters,
        @DefaultValue("2000") int maxDocumentTokens,
        @DefaultValue("150") int maxParserDepth,
        @DefaultValue("20") int maxDepth,
        @DefaultValue("3000") int maxComplexity,
        @DefaultValue("15") int maxAliases,
        @DefaultValue("5") int maxRootFields,
        @DefaultValue("500") int maxFields,
        @DefaultValue("10") int maxDirectives,
        @DefaultValue("4") int maxPaginatedFields,
        @DefaultValue("1") int maxMutationFields,
        @DefaultValue("1000") int documentCacheSize,
        Path trustedDocuments,
        @DefaultValue("true") boolean compiledExecution) {

    public GraphQlApiProperties {
        if (maxRequestBytes.toBytes() < 1_024 || maxRequestBytes.toBytes() > 64L * 1024 * 1024) {
            throw new InvalidConfigurationException(
                    "ISSUEGRAPH_GRAPHQL_MAX_REQUEST_BYTES must be between 1KB and 64MB, e.g. 100KB.");
        }
        positive("ISSUEGRAPH_GRAPHQL_MAX_DOCUMENT_CHARACTERS", maxDocumentCharacters);
        positive("ISSUEGRAPH_GRAPHQL_MAX_DOCUMENT_TOKENS", maxDocumentTokens);
        positive("ISSUEGRAPH_GRAPHQL_MAX_PARSER_DEPTH", maxParserDepth);
        positive("ISSUEGRAPH_GRAPHQL_MAX_DEPTH", maxDepth);
        positive("ISSUEGRAPH_GRAPHQL_MAX_COMPLEXITY", maxComplexity);
        positive("ISSUEGRAPH_GRAPHQL_MAX_ROOT_FIELDS", maxRootFields);
        positive("ISSUEGRAPH_GRAPHQL_MAX_FIELDS", maxFields);
        positive("ISSUEGRAPH_GRAPHQL_MAX_PAGINATED_FIELDS", maxPaginatedFields);
        positive("ISSUEGRAPH_GRAPHQL_MAX_MUTATION_FIELDS", maxMutationFields);
        positive("ISSUEGRAPH_GRAPHQL_DOCUMENT_CACHE_SIZE", documentCacheSize);
        if (maxAliases < 0 || maxDirectives < 0) {
            throw new InvalidConfigurationException(
                    "ISSUEGRAPH_GRAPHQL_MAX_ALIASES and ISSUEGRAPH_GRAPHQL_MAX_DIRECTIVES must not be negative.");
        }
    }

    private static void positive(String variable, int value) {
        if (value < 1) {
            throw new InvalidConfigurationException(variable + " must be at least 1.");
        }
    }
}
