package io.issuegraph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Links into the README and docs/ lead somewhere, from code and docs alike: every pointer from the code
 * and the deploy files to a page or a section (e.g. {@code docs/identity.md#admin-api}), and every relative
 * link of the README, docs/ and the client examples' READMEs to a file of the repository and, with an
 * anchor, to a heading of that page.
 */
class DocsLinksTest {

    private static final Pattern POINTER = Pattern.compile("(?<![\\w/.])((?:docs/[a-z-]+|README)\\.md)(?:#([a-z0-9-]+))?");
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} (.+)$");
    private static final Path ROOT = Path.of("").toAbsolutePath();

    @Test
    void everyPointerFromTheCodeNamesAnExistingPageAndSection() throws IOException {
        List<String> broken = new ArrayList<>();
        Set<String> pointers = new TreeSet<>();
        for (Path source : files(Path.of("src"), ".java", ".properties", ".mjs")) {
            collectPointers(source, pointers, broken);
        }
        for (Path source : files(Path.of("deploy"), ".sh", ".java", ".yaml", ".toml", ".env")) {
            collectPointers(source, pointers, broken);
        }
        for (String file : List.of("Dockerfile", "compose.yaml", ".ci/run", ".ci/image.sh", ".ci/deploy-lint.sh",
                "client-examples/web/netlify.toml")) {
            collectPointers(Path.of(file), pointers, broken);
        }
        assertThat(pointers).as("pointers into docs/ and the README").hasSizeGreaterThan(10);
        assertThat(broken).as("pointers that lead nowhere").isEmpty();
    }

    @Test
    void everyRelativeLinkOfTheDocsLeadsToAFileAndHeading() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        pages.addAll(files(Path.of("docs"), ".md"));
        try (Stream<Path> examples = Files.list(Path.of("client-examples"))) {
            examples.map(example -> example.resolve("README.md")).filter(Files::exists).forEach(pages::add);
        }
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path page : pages) {
            Matcher link = LINK.matcher(withoutCode(read(page)));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue;
                }
                links++;
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? page.toAbsolutePath() : page.toAbsolutePath().getParent().resolve(file).normalize();
                if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
                    broken.add(page + ": " + target + " (no such file)");
                } else if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
                    broken.add(page + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(links).as("relative links checked").isGreaterThan(50);
        assertThat(broken).as("links that lead nowhere").isEmpty();
    }

    private static void collectPointers(Path source, Set<String> pointers, List<String> broken) {
        Matcher pointer = POINTER.matcher(read(source));
        while (pointer.find()) {
            String target = pointer.group(2) == null ? pointer.group(1) : pointer.group(1) + "#" + pointer.group(2);
            pointers.add(target);
            Path page = Path.of(pointer.group(1));
            if (!Files.exists(page) || pointer.group(2) != null && !anchors(page).contains(pointer.group(2))) {
                broken.add(source + ": " + target);
            }
        }
    }

    /** The anchors GitHub gives a page's headings. */
    private static Set<String> anchors(Path page) {
        Set<String> anchors = new TreeSet<>();
        if (page.toString().endsWith(".md")) {
            HEADING.matcher(withoutCode(read(page))).results().forEach(heading -> anchors.add(anchor(heading.group(1))));
        }
        return anchors;
    }

    /** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
    private static String anchor(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 -]", "").replace(' ', '-');
    }

    /** The page without its fenced code blocks, whose lines are neither headings nor links. */
    private static String withoutCode(String markdown) {
        return markdown.replaceAll("(?ms)^\\s*```.*?^\\s*```", "");
    }

    private static List<Path> files(Path folder, String... endings) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(file -> !file.toString().contains("node_modules") && Files.isRegularFile(file))
                    .filter(file -> Stream.of(endings).anyMatch(ending -> file.toString().endsWith(ending))).sorted().toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
