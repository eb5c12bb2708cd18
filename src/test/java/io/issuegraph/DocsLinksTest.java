package io.issuegraph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every pointer from the code to a section of docs/ (e.g. {@code docs/identity.md#admin-api}) leads to one. */
class DocsLinksTest {

    private static final Pattern POINTER = Pattern.compile("docs/([a-z-]+\\.md)#([a-z0-9-]+)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} (.+)$");

    @Test
    void everyPointerNamesAnExistingSection() throws IOException {
        Set<String> sections = new TreeSet<>();
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(doc -> doc.toString().endsWith(".md")).forEach(doc -> HEADING.matcher(read(doc)).results()
                    .forEach(heading -> sections.add(doc.getFileName() + "#" + anchor(heading.group(1)))));
        }
        Set<String> pointers = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src"))) {
            sources.filter(source -> source.toString().endsWith(".java")).forEach(source -> POINTER.matcher(read(source))
                    .results().forEach(pointer -> pointers.add(pointer.group(1) + "#" + pointer.group(2))));
        }
        assertThat(pointers).as("pointers into docs/").isNotEmpty();
        assertThat(sections).containsAll(pointers);
    }

    /** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
    private static String anchor(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 -]", "").replace(' ', '-');
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
