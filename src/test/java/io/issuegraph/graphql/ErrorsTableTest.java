package io.issuegraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The errors table (docs/api.md#errors) names every classification a client can get: each {@link Refusal},
 * and graphql-java's {@code NOT_FOUND} that {@link ApiException} uses; and nothing else.
 */
class ErrorsTableTest {

    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([A-Z_]+)` \\|");

    @Test
    void theTableListsEveryClassification() throws IOException {
        String api = Files.readString(Path.of("docs", "api.md"));
        String errors = api.substring(api.indexOf("\n## Errors\n"));
        Set<String> rows = ROW.matcher(errors).results().map(row -> row.group(1)).collect(Collectors.toCollection(TreeSet::new));
        Set<String> classifications = Stream.concat(Stream.of(Refusal.values()).map(Enum::name), Stream.of("NOT_FOUND"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(rows).isEqualTo(classifications);
    }
}
