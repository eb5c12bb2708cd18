package io.issuegraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Document;
import graphql.parser.Parser;
import io.issuegraph.Sha256;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** Persisted documents and the document cache, without a server: what is remembered, and what it weighs. */
class PersistedDocumentsCacheTest {

    private static final String VALID = "{ me { id } }";
    private static final String INVALID = "{ me { nope } }";

    private final AtomicInteger parses = new AtomicInteger();
    /** Stands in for graphql-java's parse and validate: a document mentioning "nope" does not validate. */
    private final Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate = input -> {
        parses.incrementAndGet();
        return input.getQuery().contains("nope")
                ? new PreparsedDocumentEntry(List.of(GraphqlErrorBuilder.newError().message("invalid").build()))
                : new PreparsedDocumentEntry(Parser.parse(input.getQuery()));
    };

    private static PersistedDocuments documents(int cacheSize) {
        var properties = new Binder(new MapConfigurationPropertySource(Map.of("issuegraph.graphql.document-cache-size",
                String.valueOf(cacheSize)))).bindOrCreate("issuegraph.graphql", GraphQlApiProperties.class);
        return new PersistedDocuments(properties, JsonMapper.builder().build());
    }

    @Test
    void aHashIsRememberedOnlyOnceItsTextParsedAndValidated() {
        var documents = documents(1_000);

        assertThat(get(documents, INVALID, Sha256.hex(INVALID)).hasErrors()).isTrue();
        assertThat(message(get(documents, null, Sha256.hex(INVALID)))).isEqualTo("PersistedQueryNotFound");

        assertThat(get(documents, VALID, Sha256.hex(VALID)).hasErrors()).isFalse();
        assertThat(get(documents, null, Sha256.hex(VALID)).getDocument()).isNotNull();
    }

    @Test
    void aTextSentWithAnotherHashIsRefusedAndNotRemembered() {
        var documents = documents(1_000);

        assertThat(message(get(documents, VALID, Sha256.hex("{ other }")))).contains("hash is not the one sent");
        assertThat(message(get(documents, null, Sha256.hex("{ other }")))).isEqualTo("PersistedQueryNotFound");
    }

    @Test
    void theCacheIsWeighedByTheParsedDocumentNotByItsText() {
        var documents = documents(1); // room for about 200 syntax nodes
        String longComment = VALID + " #" + "x".repeat(50_000);
        String manyFields = "{ me { " + IntStream.range(0, 300).mapToObj(i -> "f" + i + ": id").collect(Collectors.joining(" "))
                + " } }";

        get(documents, longComment, null);
        get(documents, longComment, null);
        assertThat(parses).as("a long comment weighs nothing: parsed once").hasValue(1);

        get(documents, manyFields, null);
        get(documents, manyFields, null);
        assertThat(parses).as("300 fields are more than the cache holds: parsed each time").hasValue(3);
    }

    /** Clients that bring a new document at once (a release, a reconnecting crowd) cost one parse, and share its Document. */
    @Test
    void requestsThatBringANewTextAtOnceShareOneParseAndItsDocument() {
        var documents = documents(1_000);
        int callers = 16;
        var asked = new CountDownLatch(callers);
        // the parse lasts until every caller has asked, so that without one load per text each would parse its own
        Function<ExecutionInput, PreparsedDocumentEntry> slowParse = input -> {
            try {
                assertThat(asked.await(10, TimeUnit.SECONDS)).as("every caller asked").isTrue();
            } catch (InterruptedException interrupted) {
                throw new IllegalStateException(interrupted);
            }
            return parseAndValidate.apply(input);
        };
        var threads = Executors.newFixedThreadPool(callers);
        try {
            List<CompletableFuture<Document>> answers = IntStream.range(0, callers)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        asked.countDown();
                        return get(documents, VALID, null, slowParse).getDocument();
                    }, threads)).toList();
            Document first = answers.get(0).join();

            assertThat(first).isNotNull();
            assertThat(answers).allSatisfy(answer -> assertThat(answer.join()).isSameAs(first));
            assertThat(parses).hasValue(1);
        } finally {
            threads.shutdownNow();
        }
    }

    /** What does not parse, validate or fit the limits is not kept, so it cannot push valid documents out: each request parses it. */
    @Test
    void aTextThatFailsIsNotKeptButParsedByEachRequest() {
        var documents = documents(1_000);
        Function<ExecutionInput, PreparsedDocumentEntry> overLimit = input -> {
            parses.incrementAndGet();
            throw new AbortExecutionException(List.of(GraphqlErrorBuilder.newError().message("too many tokens").build()));
        };

        assertThat(get(documents, INVALID, null).hasErrors()).isTrue();
        assertThat(get(documents, INVALID, null).hasErrors()).isTrue();
        assertThat(message(get(documents, VALID, null, overLimit))).isEqualTo("too many tokens");
        assertThat(message(get(documents, VALID, null, overLimit))).isEqualTo("too many tokens");
        assertThat(parses).hasValue(4);
    }

    private PreparsedDocumentEntry get(PersistedDocuments documents, String text, String hash) {
        return get(documents, text, hash, parseAndValidate);
    }

    private static PreparsedDocumentEntry get(PersistedDocuments documents, String text, String hash,
            Function<ExecutionInput, PreparsedDocumentEntry> parse) {
        var input = ExecutionInput.newExecutionInput(text == null ? "" : text);
        if (hash != null) {
            input.extensions(Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)));
        }
        return documents.getDocumentAsync(input.build(), parse).join();
    }

    private static String message(PreparsedDocumentEntry entry) {
        return entry.getErrors().get(0).getMessage();
    }
}
