package io.issuegraph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * The configuration table (docs/configuration.md#variables) and the settings cannot drift apart: every {@code ISSUEGRAPH_*} setting
 * of a {@code @ConfigurationProperties} record or of a {@code ${issuegraph.…:default}} placeholder in
 * application.properties has a row, every such row a setting, and the default in the row is the
 * setting's own ({@code @DefaultValue}, or the placeholder's; "–" where there is none).
 */
class ConfigurationTableTest {

    private static final Pattern VARIABLE = Pattern.compile("`(ISSUEGRAPH_[A-Z0-9_]+)`");
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(issuegraph\\.[a-z0-9.-]+)(?::([^}]*))?}");
    private static final String NO_DEFAULT = "–";

    @Test
    void theConfigurationPageListsEverySettingWithItsDefault() throws Exception {
        Map<String, String> settings = settingsOfTheRecords();
        assertThat(settings).as("settings found in the records").isNotEmpty();
        settings.putAll(placeholdersOfTheApplicationProperties());
        assertThat(rowsOfTheTable()).as("ISSUEGRAPH_* rows of docs/configuration.md (variable = default) against the settings")
                .containsExactlyInAnyOrderEntriesOf(settings);
    }

    /** Environment variable → default, from every {@code ISSUEGRAPH_*} row of docs/configuration.md's tables. */
    private static Map<String, String> rowsOfTheTable() throws IOException {
        Map<String, String> rows = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("docs", "configuration.md"))) {
            String[] cells = line.split("\\|");
            if (!line.startsWith("| `ISSUEGRAPH_") || cells.length < 3) {
                continue;
            }
            List<String> variables = VARIABLE.matcher(cells[1]).results().map(match -> match.group(1)).toList();
            List<String> defaults = cells[2].strip().startsWith(NO_DEFAULT) ? List.of()
                    : CODE.matcher(cells[2]).results().map(match -> match.group(1)).toList();
            assertThat(defaults.isEmpty() || defaults.size() == variables.size())
                    .as("one default per variable, or none: %s", line).isTrue();
            for (int i = 0; i < variables.size(); i++) {
                rows.put(variables.get(i), defaults.isEmpty() ? NO_DEFAULT : defaults.get(i));
            }
        }
        return rows;
    }

    /** Environment variable → default, from every {@code @ConfigurationProperties} record of the application. */
    private static Map<String, String> settingsOfTheRecords() throws ClassNotFoundException {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        Map<String, String> settings = new TreeMap<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(IssuegraphApplication.class.getPackageName())) {
            Class<?> type = ClassUtils.forName(candidate.getBeanClassName(), ConfigurationTableTest.class.getClassLoader());
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            collect(type, annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix(), settings);
        }
        return settings;
    }

    /** Environment variable → default, from the {@code ${issuegraph.…}} placeholders of application.properties. */
    private static Map<String, String> placeholdersOfTheApplicationProperties() throws IOException {
        Map<String, String> settings = new TreeMap<>();
        String properties = Files.readString(Path.of("src", "main", "resources", "application.properties"));
        PLACEHOLDER.matcher(properties).results().forEach(placeholder -> settings.put(variable(placeholder.group(1)),
                placeholder.group(2) == null || placeholder.group(2).isEmpty() ? NO_DEFAULT : placeholder.group(2)));
        return settings;
    }

    private static String variable(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static void collect(Class<?> record, String prefix, Map<String, String> into) {
        RecordComponent[] components = record.getRecordComponents();
        Parameter[] parameters = canonicalConstructorParameters(record, components);
        for (int i = 0; i < components.length; i++) {
            String name = prefix + "." + kebab(components[i].getName());
            DefaultValue defaults = parameters[i].getAnnotation(DefaultValue.class);
            String value = defaults == null || defaults.value().length == 0 ? NO_DEFAULT : String.join(",", defaults.value());
            into.put(variable(name), value);
        }
    }

    private static Parameter[] canonicalConstructorParameters(Class<?> record, RecordComponent[] components) {
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            return record.getDeclaredConstructor(types).getParameters();
        } catch (NoSuchMethodException notARecord) {
            throw new AssertionError(record + " should be a record", notARecord);
        }
    }

    private static String kebab(String camelCase) {
        Matcher upper = Pattern.compile("[A-Z]").matcher(camelCase);
        return upper.replaceAll(match -> "-" + match.group().toLowerCase(Locale.ROOT));
    }
}
