package io.issuegraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.testsupport.GraphQlHttp;
import io.issuegraph.testsupport.IntegrationTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** What a browser sees from an allowed page and from any other, over HTTP (origins allowed by {@code ServerTest}). */
class CorsTest extends IntegrationTest {

    private static final String PAGE = "http://localhost:5173";

    @Test
    void preflightFromAnAllowedOriginIsAnsweredWithoutAToken() {
        HttpResponse<String> preflight = preflight(PAGE);

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(PAGE);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().toLowerCase())
                .contains("authorization").contains("content-type");
        assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).hasValue("3600");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void theCallAfterThePreflightWorksAndItsAnswerIsReadable() {
        var user = newUser("Cora Cors");
        HttpResponse<String> answer = GraphQlHttp.send(GraphQlHttp.request(port, "/graphql")
                .header("Origin", PAGE)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + gotrue.accessToken(user))
                .POST(HttpRequest.BodyPublishers.ofString(GraphQlHttp.query("{ me { email } }"))).build());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains(user.email());
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).hasValue(PAGE);
    }

    @Test
    void aRefusedTokenStillCarriesTheCorsHeadersSoThePageCanReadWhy() {
        HttpResponse<String> refused = GraphQlHttp.send(GraphQlHttp.request(port, "/graphql")
                .header("Origin", "https://app.example.com")
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer not-a-token")
                .POST(HttpRequest.BodyPublishers.ofString(GraphQlHttp.query("{ me { email } }"))).build());

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
        assertThat(refused.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
                .contains("WWW-Authenticate");
        assertThat(refused.body()).contains("\"classification\":\"UNAUTHORIZED\"");
    }

    @Test
    void otherOriginsGetNoCorsHeaders() {
        HttpResponse<String> preflight = preflight("https://evil.example.net");
        HttpResponse<String> call = GraphQlHttp.send(GraphQlHttp.request(port, "/graphql")
                .header("Origin", "https://evil.example.net")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(GraphQlHttp.query("{ me { email } }"))).build());

        for (HttpResponse<String> refused : new HttpResponse[] {preflight, call}) {
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().map().keySet()).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
            assertThat(refused.body()).contains("\"classification\":\"FORBIDDEN\"");
        }
    }

    private HttpResponse<String> preflight(String origin) {
        return GraphQlHttp.send(GraphQlHttp.request(port, "/graphql")
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    }
}
