package io.issuegraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.identity.standin.GoTrueStandIn;
import io.issuegraph.testsupport.GraphQlHttp;
import io.issuegraph.testsupport.IntegrationTest;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GraphQL over HTTP as the specification has it: GET, media types, and bad requests that are not 500s. */
class GraphQlOverHttpTest extends IntegrationTest {

    private String token;

    @BeforeAll
    void signIn() {
        GoTrueStandIn.User user = newUser("Gertrude Get");
        token = gotrue.accessToken(user);
    }

    @Test
    void queriesCanBeSentWithGetIncludingVariablesAndOperationName() {
        HttpResponse<String> answer = getGraphQl("query=" + encode("query Me($n: Int) { me { name } issues(first: $n) { totalCount } }")
                + "&variables=" + encode("{\"n\":1}") + "&operationName=Me");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(answer.body()).contains("\"name\":\"Gertrude Get\"").contains("\"totalCount\":");
    }

    @Test
    void aMutationSentWithGetIsRefusedWith405AndRunsNothing() {
        long before = issueCount();

        HttpResponse<String> refused = getGraphQl("query=" + encode("mutation { createIssue(input: {title: \"via GET\"}) { id } }"));

        assertThat(refused.statusCode()).isEqualTo(405);
        assertThat(refused.headers().firstValue("Allow")).hasValue("POST");
        assertThat(refused.body()).contains("\"classification\":\"METHOD_NOT_ALLOWED\"").doesNotContain("\"data\":{");
        assertThat(issueCount()).isEqualTo(before);
    }

    @Test
    void getNeedsATokenLikePost() {
        HttpResponse<String> refused = GraphQlHttp.send(GraphQlHttp.request(port, "/graphql?query=" + encode("{ me { id } }"))
                .GET().build());

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("\"classification\":\"UNAUTHORIZED\"");
    }

    @Test
    void malformedRequestsGetAGraphQlErrorWithTheRightStatus() {
        assertRefused(postRaw("{\"query\": \"{ me { id } }\"", "application/json"), 400, "BAD_REQUEST", "not valid JSON");
        assertRefused(postRaw("{\"query\": 42}", "application/json"), 400, "BAD_REQUEST", "\\\"query\\\" must be a string");
        assertRefused(postRaw("{\"query\": \"{ me { id } }\", \"variables\": [1]}", "application/json"), 400,
                "BAD_REQUEST", "\\\"variables\\\" must be a JSON object");
        assertRefused(postRaw("[{\"query\": \"{ me { id } }\"}]", "application/json"), 400, "BAD_REQUEST", "Batched");
        assertRefused(postRaw("{}", "application/json"), 400, "BAD_REQUEST", "no \\\"query\\\"");
        assertRefused(postRaw("", "application/json"), 400, "BAD_REQUEST", "empty");
        assertRefused(postRaw("{ me { id } }", "text/plain"), 415, "UNSUPPORTED_MEDIA_TYPE", "application/json");
        assertRefused(postRaw("{\"query\": \"{ me { id } }\"}", "*/*"), 415, "UNSUPPORTED_MEDIA_TYPE", "application/json");
        assertRefused(postRaw("{\"query\": \"{ me { id } }\"}", "application/json; charset=nope"), 415,
                "UNSUPPORTED_MEDIA_TYPE", "application/json");
        assertRefused(postRaw("{\"query\": \"{ me { id } }\"}", "application/json; charset=latin1"), 415,
                "UNSUPPORTED_MEDIA_TYPE", "application/json");
        assertRefused(postRaw("{\"query\": \"{ me { id } }\"}", null), 415, "UNSUPPORTED_MEDIA_TYPE", "application/json");
        assertRefused(getGraphQl("query=" + encode("{ me { id } }") + "&variables=" + encode("{nope")), 400,
                "BAD_REQUEST", "\\\"variables\\\" parameter is not valid JSON");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() {
        String huge = "{\"query\": \"{ me { id } }\", \"variables\": {\"pad\": \"" + "x".repeat(200_000) + "\"}}";

        assertRefused(postRaw(huge, "application/json"), 413, "PAYLOAD_TOO_LARGE", "larger than 102400 bytes");
    }

    @Test
    void theGraphQlResponseMediaTypeIsNegotiatedAndUsesItsStatusCodes() {
        HttpResponse<String> ok = postAccepting("{ me { id } }", "application/graphql-response+json");
        HttpResponse<String> invalid = postAccepting("{ me { nope } }", "application/graphql-response+json");
        HttpResponse<String> invalidAsJson = postAccepting("{ me { nope } }", "application/json");

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/graphql-response+json");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).doesNotContain("\"data\"");
        assertThat(invalidAsJson.statusCode()).isEqualTo(200);
        assertThat(invalidAsJson.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    }

    @Test
    void everyAnswerAndErrorCarriesTheRequestId() {
        HttpResponse<String> kept = GraphQlHttp.send(graphQl("{ me { nope } }", "application/json")
                .header("X-Request-Id", "req-from-proxy-123").build());
        HttpResponse<String> replaced = GraphQlHttp.send(graphQl("{ me { id } }", "application/json")
                .header("X-Request-Id", "bad id\twith spaces").build());
        HttpResponse<String> unauthenticated = GraphQlHttp.post(port, GraphQlHttp.query("{ me { id } }"), null);

        assertThat(kept.headers().firstValue("X-Request-Id")).hasValue("req-from-proxy-123");
        assertThat(kept.body()).contains("\"requestId\":\"req-from-proxy-123\"");
        assertThat(replaced.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f-]{36}");
        String id = unauthenticated.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(unauthenticated.body()).contains("\"requestId\":\"" + id + "\"");
    }

    @Test
    void authenticatedAnswersAreNotStoredAndGraphiqlRunsUnderAStrictPolicy() {
        HttpResponse<String> answer = getGraphQl("query=" + encode("{ me { id } }"));
        HttpResponse<String> graphiql = get("/graphiql?path=/graphql");

        assertThat(answer.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        String policy = graphiql.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("script-src 'self';").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-eval");
        assertThat(graphiql.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    private void assertRefused(HttpResponse<String> answer, int status, String classification, String message) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.body()).contains("\"classification\":\"" + classification + "\"").contains(message)
                .contains("\"requestId\":");
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        // every refusal carries the security headers, whoever made it
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(answer.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
    }

    private HttpResponse<String> getGraphQl(String parameters) {
        return GraphQlHttp.send(GraphQlHttp.request(port, "/graphql?" + parameters)
                .header("Authorization", "Bearer " + token).GET().build());
    }

    private HttpResponse<String> postAccepting(String document, String accept) {
        return GraphQlHttp.send(graphQl(document, accept).build());
    }

    private HttpRequest.Builder graphQl(String document, String accept) {
        return GraphQlHttp.request(port, "/graphql").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(GraphQlHttp.query(document)));
    }

    private HttpResponse<String> postRaw(String body, String contentType) {
        var request = GraphQlHttp.request(port, "/graphql").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return GraphQlHttp.send(request.build());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
