package io.issuegraph.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the search workload looks for: a component and a problem of bench/vocabulary.txt (its second and third
 * lines; bench/run.sh builds the seeded titles from all four), e.g. "login crash", as bench/lua/workload.lua does.
 */
record SearchWords(List<String> components, List<String> problems) {

    static SearchWords from(Path vocabulary) throws IOException {
        List<String> lines = Files.readAllLines(vocabulary);
        return new SearchWords(List.of(lines.get(1).split(" ")), List.of(lines.get(2).split(" ")));
    }

    String random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return components.get(random.nextInt(components.size())) + " " + problems.get(random.nextInt(problems.size()));
    }
}
