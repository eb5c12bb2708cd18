package io.issuegraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.Sha256;
import io.issuegraph.testsupport.GraphQlHttp;
import io.issuegraph.testsupport.IntegrationTest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Apollo's automatic persisted queries, over POST and GET, and documentId. */
class PersistedDocumentsTest extends IntegrationTest {

    private static final String DOCUMENT = "query Who { me { name } }";
    private static final String HASH = Sha256.hex(DOCUMENT);

    private String token;

    @BeforeAll
    void signIn() {
        token = gotrue.accessToken(newUser("Percy Persisted"));
    }

    @Test
    void anUnknownHashIsPersistedQueryNotFoundThenTheDocumentIsRegisteredAndNamedByHash() {
        String other = "query Other { me { id name } }";
        String otherHash = Sha256.hex(other);

        HttpResponse<String> unknown = post("{\"extensions\":" + extension(otherHash) + "}", token);
        HttpResponse<String> registered = post("{\"query\":\"" + other + "\",\"extensions\":" + extension(otherHash) + "}", token);
        HttpResponse<String> byHash = post("{\"extensions\":" + extension(otherHash) + "}", token);
        HttpResponse<String> byDocumentId = post("{\"documentId\":\"sha256:" + otherHash + "\"}", token);

        assertThat(unknown.body()).contains("PersistedQueryNotFound").contains("PERSISTED_QUERY_NOT_FOUND");
        assertThat(registered.body()).contains("\"name\":\"Percy Persisted\"");
        assertThat(byHash.body()).contains("\"name\":\"Percy Persisted\"");
        assertThat(byDocumentId.body()).contains("\"name\":\"Percy Persisted\"");
    }

    @Test
    void aHashOnlyGetWorksOnceTheDocumentIsKnown() {
        post("{\"query\":\"" + DOCUMENT + "\",\"extensions\":" + extension(HASH) + "}", token);

        HttpResponse<String> answer = GraphQlHttp.send(GraphQlHttp.request(port, "/graphql?extensions="
                + URLEncoder.encode(extension(HASH), StandardCharsets.UTF_8))
                .header("Authorization", "Bearer " + token).GET().build());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"name\":\"Percy Persisted\"");
    }

    @Test
    void aDocumentThatDoesNotMatchItsHashIsRefused() {
        HttpResponse<String> refused = post("{\"query\":\"{ me { id } }\",\"extensions\":" + extension(HASH) + "}", token);

        assertThat(refused.body()).contains("PERSISTED_QUERY_HASH_MISMATCH").contains("\"classification\":\"BAD_REQUEST\"")
                .doesNotContain("\"data\":{");
    }

    private static String extension(String hash) {
        return "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash + "\"}}";
    }
}
