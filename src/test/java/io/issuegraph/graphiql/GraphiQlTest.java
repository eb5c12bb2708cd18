package io.issuegraph.graphiql;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.testsupport.IntegrationTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * GraphiQL as production serves it: the page and all its scripts come from issuegraph itself, none
 * inline, and the header editor starts empty with a hint. The browser test (client-examples/web)
 * checks it in Chromium, with the local launcher's prefilled header too.
 */
class GraphiQlTest extends IntegrationTest {

    private static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern SOURCE = Pattern.compile("(?:src|href)=\"(/[^\"]+)\"");

    @Test
    void pageNeedsNoTokenAndLoadsOnlyItsOwnScripts() {
        HttpResponse<String> page = get("/graphiql");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        Matcher scripts = SCRIPT.matcher(page.body());
        int count = 0;
        while (scripts.find()) {
            count++;
            assertThat(scripts.group(1)).as("every script has a same-origin src").contains("src=\"/graphiql/assets/");
        }
        assertThat(count).isPositive();
        assertThat(page.body()).doesNotContain("://");

        Matcher sources = SOURCE.matcher(page.body());
        List<String> assets = sources.results().map(match -> match.group(1)).toList();
        assertThat(assets).isNotEmpty().allSatisfy(asset -> assertThat(get(asset).statusCode()).as(asset).isEqualTo(200));
    }

    @Test
    void headerEditorStartsEmptyWithAHintInProduction() {
        HttpResponse<String> settings = get("/graphiql/settings.json");
        assertThat(settings.statusCode()).isEqualTo(200);
        assertThat(settings.body()).contains("\"headers\":\"\"").contains("Bearer <token>")
                .doesNotContain("eyJ");
    }
}
