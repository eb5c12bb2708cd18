package io.issuegraph.issue;

import io.issuegraph.graphql.ApiException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The text of {@code IssueFilter.search}, reduced to words as InnoDB's FULLTEXT parser makes them: runs of letters,
 * digits and underscores, here lower-cased. Everything else (white space, punctuation, emoji, and so the boolean-mode
 * operators {@code + - * " @ ~ ( ) < >}, quotes and the {@code LIKE} wildcards {@code % \}) only separates words, so
 * the user's text never becomes syntax; the underscore, a {@code LIKE} wildcard, is escaped where a word is matched
 * with {@code LIKE}.
 * <p>
 * The InnoDB FULLTEXT index (MySQL and MariaDB alike) holds words of {@value #MIN_INDEXED} to {@value #MAX_INDEXED}
 * characters that are not stop words, so only those are looked up in it, each as a required prefix ({@code +word*}).
 * The others narrow what the index found with a {@code LIKE} on the title: they are found anywhere in it, inside
 * words too. A text with no word the index holds finds nothing: it would need a scan of the table
 * (docs/api.md#search).
 */
final class IssueSearch {

    static final int MAX_LENGTH = 200;
    /** InnoDB's {@code innodb_ft_min_token_size} and {@code innodb_ft_max_token_size} defaults, MySQL's and MariaDB's. */
    static final int MIN_INDEXED = 3;
    static final int MAX_INDEXED = 84;
    /** InnoDB's default stop words ({@code INFORMATION_SCHEMA.INNODB_FT_DEFAULT_STOPWORD}), the same in MySQL and MariaDB. */
    static final Set<String> STOP_WORDS = Set.of("a", "about", "an", "are", "as", "at", "be", "by", "com", "de", "en",
            "for", "from", "how", "i", "in", "is", "it", "la", "of", "on", "or", "that", "the", "this", "to", "was", "what",
            "when", "where", "who", "will", "with", "und", "www");

    private final List<String> indexed;
    private final List<String> unindexed;

    private IssueSearch(List<String> indexed, List<String> unindexed) {
        this.indexed = List.copyOf(indexed);
        this.unindexed = List.copyOf(unindexed);
    }

    /** The search, or null for no search (no text, or only white space). */
    static IssueSearch of(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.codePointCount(0, text.length()) > MAX_LENGTH) {
            throw ApiException.badRequest("search must be at most " + MAX_LENGTH + " characters");
        }
        List<String> indexed = new ArrayList<>();
        List<String> unindexed = new ArrayList<>();
        for (String word : words(text)) {
            int length = word.codePointCount(0, word.length());
            boolean held = length >= MIN_INDEXED && length <= MAX_INDEXED && !STOP_WORDS.contains(word);
            (held ? indexed : unindexed).add(word);
        }
        return new IssueSearch(indexed, unindexed);
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}_]+")).filter(word -> !word.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Whether no word can be looked up in the index: such a search finds nothing. */
    boolean findsNothing() {
        return indexed.isEmpty();
    }

    /** The boolean-mode query: every indexed word required, as a prefix. */
    String booleanQuery() {
        return indexed.stream().map(word -> "+" + word + "*").collect(Collectors.joining(" "));
    }

    /** The words matched with {@code LIKE} among the rows the index found. */
    List<String> unindexedWords() {
        return unindexed;
    }

    /** {@code LIKE} patterns ({@code ESCAPE '!'}) that find the word anywhere: {@code _} is the one wildcard a word can hold. */
    List<String> likePatterns() {
        return unindexed.stream().map(word -> "%" + word.replace("_", "!_") + "%").toList();
    }
}
