package io.issuegraph.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.issuegraph.identity.standin.GoTrueStandIn;
import io.issuegraph.testsupport.GraphQlHttp;
import io.issuegraph.testsupport.IntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** GET /me/export over HTTP: the caller's own issues with every field, oldest first; the headers; refusals; CORS. */
class AccountExportTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PAGE = "http://localhost:5173";

    @Test
    void exportsTheCallersOwnIssuesWithEveryFieldOldestFirst() {
        GoTrueStandIn.User alice = gotrue.createUser(uniqueEmail(), "correct horse battery staple", "Alice Export",
                List.of("admin"));
        GoTrueStandIn.User bob = newUser("Bob");
        List<String> mine = new ArrayList<>();
        for (String title : List.of("first", "second \"quoted\" 🐛", "third")) {
            mine.add(create(alice, title));
            create(bob, "not Alice's");
        }
        as(alice).document("mutation ($id: ID!) { updateIssue(id: $id, input: {status: DONE}) { id } }")
                .variable("id", mine.get(0)).execute();

        Instant before = Instant.now();
        HttpResponse<String> export = export(gotrue.accessToken(alice));

        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(export.headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"issuegraph-export-" + LocalDate.now(ZoneOffset.UTC) + ".json\"");
        assertThat(export.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        JsonNode body = JSON.readTree(export.body());
        assertThat(Instant.parse(body.path("exportedAt").asString())).isBetween(before.minusMillis(1), Instant.now());
        assertThat(body.path("user").path("id").asString()).isEqualTo(alice.id());
        assertThat(body.path("user").path("email").asString()).isEqualTo(alice.email());
        assertThat(body.path("user").path("name").asString()).isEqualTo("Alice Export");
        assertThat(body.path("user").path("roles").toString()).isEqualTo("[\"admin\"]");
        JsonNode issues = body.path("issues");
        assertThat(issues.size()).isEqualTo(3);
        assertThat(issues.valueStream().map(issue -> issue.path("id").asString())).containsExactlyElementsOf(mine);
        JsonNode first = issues.get(0);
        assertThat(first.path("title").asString()).isEqualTo("first");
        assertThat(first.path("status").asString()).isEqualTo("DONE");
        assertThat(first.path("assignee").path("id").asString()).isEqualTo(alice.id());
        assertThat(first.path("assignee").path("name").asString()).isEqualTo("Alice Export");
        assertThat(first.path("assignee").path("email").asString()).isEqualTo(alice.email());
        assertThat(Instant.parse(first.path("createdAt").asString())).isBefore(Instant.parse(first.path("updatedAt").asString()));
        assertThat(issues.get(1).path("title").asString()).isEqualTo("second \"quoted\" 🐛");
        assertThat(issues.get(1).path("status").asString()).isEqualTo("TODO");
    }

    /** More issues than one batch of the database reads: all of them, in order, none twice. */
    @Test
    void exportsManyIssuesReadInBatches() {
        GoTrueStandIn.User carol = newUser("Carol");
        String values = IntStream.range(0, 1_201).mapToObj(n -> "('bulk " + n + "', '" + carol.id()
                + "', 'Carol', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))").collect(Collectors.joining(", "));
        jdbc.sql("INSERT INTO issues (title, assignee_id, assignee_name, created_at, updated_at) VALUES " + values).update();

        JsonNode issues = JSON.readTree(export(gotrue.accessToken(carol)).body()).path("issues");

        assertThat(issues.valueStream().map(issue -> issue.path("title").asString()))
                .containsExactlyElementsOf(IntStream.range(0, 1_201).mapToObj(n -> "bulk " + n).toList());
    }

    @Test
    void aUserWithoutIssuesGetsAnEmptyList() {
        HttpResponse<String> export = export(gotrue.accessToken(newUser("Nobody")));
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(export.body()).path("issues").size()).isZero();
    }

    @Test
    void withoutAGoodTokenIs401() {
        for (String token : new String[] {null, "not-a-token"}) {
            HttpResponse<String> refused = export(token);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
            assertThat(refused.body()).contains("\"classification\":\"UNAUTHORIZED\"").doesNotContain("issues");
        }
    }

    @Test
    void afterDeleteMyAccountIs401() {
        GoTrueStandIn.User dora = newUser("Dora");
        String token = gotrue.accessToken(dora);
        create(dora, "gone with the account");
        assertThat(post(GraphQlHttp.query("mutation { deleteMyAccount { identityDeleted } }"), token).body())
                .contains("\"identityDeleted\":true");

        HttpResponse<String> refused = export(token);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("account deleted").contains("\"classification\":\"UNAUTHORIZED\"");
    }

    /** While the Identity user is still being deleted, the account is closed already: 401 as well. */
    @Test
    void anAccountBeingClosedIs401() {
        GoTrueStandIn.User emil = newUser("Emil");
        String token = gotrue.accessToken(emil);
        gotrue.whileDown(() -> {
            assertThat(post(GraphQlHttp.query("mutation { deleteMyAccount { identityDeleted } }"), token).body())
                    .contains("\"identityDeleted\":false");
            HttpResponse<String> refused = export(token);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");
            assertThat(refused.body()).contains("account deleted").contains("\"classification\":\"UNAUTHORIZED\"");
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> !gotrue.userExists(emil.id()));
    }

    @Test
    void aPageOnAnAllowedOriginMayDownloadAndReadTheFileName() {
        HttpResponse<String> preflight = GraphQlHttp.send(GraphQlHttp.request(port, "/me/export")
                .header("Origin", PAGE).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(PAGE);

        HttpResponse<String> export = GraphQlHttp.send(GraphQlHttp.request(port, "/me/export").header("Origin", PAGE)
                .header("Authorization", "Bearer " + gotrue.accessToken(newUser("Cora"))).GET().build());
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Access-Control-Allow-Origin")).hasValue(PAGE);
        assertThat(export.headers().firstValue("Access-Control-Expose-Headers").orElseThrow()).contains("Content-Disposition");

        HttpResponse<String> elsewhere = GraphQlHttp.send(GraphQlHttp.request(port, "/me/export")
                .header("Origin", "https://evil.example.net")
                .header("Authorization", "Bearer " + gotrue.accessToken(newUser("Eve"))).GET().build());
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(elsewhere.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private HttpResponse<String> export(String token) {
        return GraphQlHttp.get(port, "/me/export", token);
    }

    private String create(GoTrueStandIn.User user, String title) {
        return as(user).document("mutation ($t: String!) { createIssue(input: {title: $t}) { id } }").variable("t", title)
                .execute().path("createIssue.id").entity(String.class).get();
    }
}
