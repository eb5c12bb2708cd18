package io.issuegraph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.ResourcePropertySource;

/** ISSUEGRAPH_LOG_FORMAT picks Boot's console log format: plain text by default, JSON (ECS) on request. */
class LogFormatTest {

    @Test
    void plainTextByDefault() throws IOException {
        assertThat(consoleFormat(Map.of())).isEmpty();
    }

    @Test
    void jsonIsElasticCommonSchema() throws IOException {
        assertThat(consoleFormat(Map.of("issuegraph.log-format", "json"))).isEqualTo("ecs");
    }

    private static String consoleFormat(Map<String, Object> settings) throws IOException {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("settings", settings));
        environment.getPropertySources().addLast(new ResourcePropertySource("classpath:application.properties"));
        return environment.getProperty("logging.structured.format.console");
    }
}
