package io.issuegraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.identity.standin.GoTrueStandIn;
import io.issuegraph.testsupport.GraphQlWs;
import io.issuegraph.testsupport.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** graphql-ws messages written as the UTF-8 bytes they were made from arrive as they were made. */
class Utf8TextFramesTest extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void thisTomcatWritesFramesOfGivenBytes() {
        // without it every message is encoded a second time by Tomcat: an upgrade that drops the method fails here
        assertThat(Utf8TextFrames.available()).isTrue();
    }

    @Test
    void anEventInManyScriptsAndLongerThanTomcatsBuffersArrivesWhole() {
        String title = "Zoë – 東京の会議 – Ωμέγα – 🚀 ✓ «quotes» \"and\" \\backslashes\\ ".repeat(6)
                .codePoints().limit(255).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString().strip();
        GoTrueStandIn.User user = newUser("Ünïcödé Ŵriter");
        try (GraphQlWs socket = GraphQlWs.connect(port, gotrue.accessToken(user)).acknowledged()) {
            socket.subscribe("1", "subscription { issueEvents { issue { a: title b: title c: title d: title e: title f: title } } }",
                    Map.of());
            as(user).document("mutation($t: String!) { createIssue(input: {title: $t}) { id } }").variable("t", title)
                    .execute().path("createIssue.id").hasValue();

            JsonNode next = socket.next(WAIT);

            assertThat(next.path("type").asString()).isEqualTo("next");
            JsonNode issue = next.path("payload").path("data").path("issueEvents").path("issue");
            assertThat(issue.properties()).extracting(Map.Entry::getKey).containsExactly("a", "b", "c", "d", "e", "f");
            assertThat(issue.properties()).allSatisfy(field -> assertThat(field.getValue().asString()).isEqualTo(title));
            // more than the 2 KB Tomcat encodes a message in (web.TomcatBuffers): its standard path would fragment it
            assertThat(next.toString().getBytes(StandardCharsets.UTF_8)).hasSizeGreaterThan(2 * 1024);
        }
    }
}
