package io.issuegraph.graphql;

import io.issuegraph.Sha256;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.execution.preparsed.persisted.PersistedQuerySupport;
import graphql.language.Node;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import io.issuegraph.InvalidConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the document of a request comes from, and the cache of documents already parsed and validated.
 * <ul>
 * <li>Automatic persisted queries (Apollo): a request may name its document by SHA-256 hash in
 * {@code extensions.persistedQuery.sha256Hash} or as {@code documentId} ({@code sha256:} prefix
 * optional); the server remembers documents sent with their hash, in a bounded cache, and answers an
 * unknown hash with {@code PersistedQueryNotFound}, upon which clients send the document again.
 * <li>Trusted documents ({@code ISSUEGRAPH_GRAPHQL_TRUSTED_DOCUMENTS}): only the documents of a JSON map
 * of hash to document (as GraphQL Code Generator's client preset or Relay write it) run, named by hash.
 * </ul>
 * A document that parsed and validated is kept (bounded), so that repeating it costs neither again, and
 * requests that bring a new text at once wait for its one parse and share its {@code Document}; a hash is
 * remembered only for a text that parsed and validated within the limits, so invalid texts cannot push
 * other clients' documents out.
 */
@Component
public class PersistedDocuments implements PreparsedDocumentProvider {

    private static final String SHA256_PREFIX = "sha256:";
    /**
     * Caches are weighed in syntax nodes of the parsed document, which is what they hold in memory: a long
     * comment weighs nothing, a document of 500 fields a lot.
     */
    private static final int AVERAGE_DOCUMENT_NODES = 200;

    private final Cache<String, PreparsedDocumentEntry> validated;
    private final Cache<String, Remembered> automatic;
    private final Map<String, String> trusted;

    /** A document text sent with its hash, which parsed and validated. */
    private record Remembered(String text, int nodes) {
    }

    PersistedDocuments(GraphQlApiProperties properties, JsonMapper json) {
        long maxNodes = (long) properties.documentCacheSize() * AVERAGE_DOCUMENT_NODES;
        // Eviction runs at once, on the caller's thread: a document too large for the cache is never held.
        this.validated = Caffeine.newBuilder().executor(Runnable::run).maximumWeight(maxNodes)
                .<String, PreparsedDocumentEntry>weigher((text, entry) -> nodes(entry)).build();
        this.automatic = Caffeine.newBuilder().executor(Runnable::run).maximumWeight(maxNodes)
                .<String, Remembered>weigher((hash, remembered) -> remembered.nodes()).build();
        this.trusted = properties.trustedDocuments() == null ? null : load(properties, json);
    }

    /** Whether only trusted documents run (ISSUEGRAPH_GRAPHQL_TRUSTED_DOCUMENTS). */
    boolean trustedOnly() {
        return trusted != null;
    }

    private static Map<String, String> load(GraphQlApiProperties properties, JsonMapper json) {
        try {
            Map<String, String> documents = json.readValue(Files.readAllBytes(properties.trustedDocuments()),
                    new TypeReference<Map<String, String>>() { });
            Map<String, String> byHash = new LinkedHashMap<>();
            documents.forEach((hash, document) -> byHash.put(withoutPrefix(hash), document));
            return Map.copyOf(byHash);
        } catch (IOException | JacksonException | NullPointerException unreadable) {
            throw new InvalidConfigurationException("ISSUEGRAPH_GRAPHQL_TRUSTED_DOCUMENTS names "
                    + properties.trustedDocuments() + ", which is not a readable JSON map of hash to document.");
        }
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String hash = requestedHash(input.getExtensions());
        String rememberAs = null; // a hash sent with its text, remembered once the text proves valid
        String text = input.getQuery() == null || input.getQuery().isBlank()
                || PersistedQuerySupport.PERSISTED_QUERY_MARKER.equals(input.getQuery()) ? null : input.getQuery();
        if (trusted != null) {
            if (hash == null) {
                return refused(ErrorType.FORBIDDEN, "Only trusted documents run on this server: send the "
                        + "document's hash as documentId, not its text.", null);
            }
            String known = trusted.get(hash);
            if (known == null || (text != null && !text.equals(known))) {
                return refused(ErrorType.NOT_FOUND, "PersistedQueryNotFound: this server runs only its trusted "
                        + "documents, and none has this hash.", "PERSISTED_QUERY_NOT_FOUND");
            }
            text = known;
        } else if (hash != null) {
            if (text == null) {
                Remembered remembered = automatic.getIfPresent(hash);
                if (remembered == null) {
                    return refused(ErrorType.NOT_FOUND, "PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND");
                }
                text = remembered.text();
            } else if (!hash.equals(Sha256.hex(text))) {
                return refused(ErrorType.BAD_REQUEST, "The document's SHA-256 hash is not the one sent with it.",
                        "PERSISTED_QUERY_HASH_MISMATCH");
            } else {
                rememberAs = hash;
            }
        }
        if (text == null) {
            return refused(ErrorType.BAD_REQUEST, "The request has no document.", null);
        }
        String document = text;
        // a failure is not kept (the loader answers null for it), so that invalid texts cannot push others out
        PreparsedDocumentEntry[] failed = {null};
        PreparsedDocumentEntry entry;
        try {
            // one parse and validation per text: concurrent first requests wait for it and share its Document
            entry = validated.get(document, key -> {
                PreparsedDocumentEntry parsed = parseAndValidate.apply(document.equals(input.getQuery()) ? input
                        : input.transform(builder -> builder.query(document)));
                if (parsed.hasErrors()) {
                    failed[0] = parsed;
                    return null;
                }
                return parsed;
            });
        } catch (AbortExecutionException overLimit) {
            return CompletableFuture.completedFuture(new PreparsedDocumentEntry(overLimit.getUnderlyingErrors()));
        }
        if (entry == null) {
            return CompletableFuture.completedFuture(failed[0]);
        }
        remember(rememberAs, document, entry);
        return CompletableFuture.completedFuture(entry);
    }

    private void remember(String hash, String text, PreparsedDocumentEntry entry) {
        if (hash != null) {
            automatic.put(hash, new Remembered(text, nodes(entry)));
        }
    }

    private static int nodes(PreparsedDocumentEntry entry) {
        if (entry.getDocument() == null) {
            return 1;
        }
        int[] count = {0};
        new NodeTraverser().depthFirst(new NodeVisitorStub() {
            @Override
            protected TraversalControl visitNode(Node node, TraverserContext<Node> context) {
                count[0]++;
                return TraversalControl.CONTINUE;
            }
        }, entry.getDocument());
        return count[0];
    }

    /** The hash a request names its document by, from Apollo's extension or the documentId parameter. */
    private static String requestedHash(Map<String, Object> extensions) {
        if (extensions == null) {
            return null;
        }
        if (extensions.get("persistedQuery") instanceof Map<?, ?> persisted
                && persisted.get("sha256Hash") instanceof String hash) {
            return withoutPrefix(hash);
        }
        return extensions.get("documentId") instanceof String documentId ? withoutPrefix(documentId) : null;
    }

    private static String withoutPrefix(String hash) {
        return hash.startsWith(SHA256_PREFIX) ? hash.substring(SHA256_PREFIX.length()) : hash;
    }


    private static CompletableFuture<PreparsedDocumentEntry> refused(ErrorType type, String message, String code) {
        var error = GraphqlErrorBuilder.newError().message(message).errorType(type);
        if (code != null) {
            error.extensions(Map.of("code", code));
        }
        List<GraphQLError> errors = List.of(error.build());
        return CompletableFuture.completedFuture(new PreparsedDocumentEntry(errors));
    }
}
