package io.issuegraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.testsupport.IntegrationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** What a browser pointed at the server finds without a token. */
class HomePageTest extends IntegrationTest {

    @Test
    void theHomePageLeadsToGraphiQl() {
        HttpResponse<String> home = get("/");
        assertThat(home.statusCode()).isEqualTo(307);
        assertThat(home.headers().firstValue("Location")).hasValue("/graphiql");
    }

    @Test
    void theFaviconIsNotAnAuthenticationError() {
        var favicon = get("/favicon.ico");
        assertThat(favicon.statusCode()).isEqualTo(200);
        assertThat(favicon.headers().firstValue("Content-Type")).hasValue("image/x-icon");
    }
}
