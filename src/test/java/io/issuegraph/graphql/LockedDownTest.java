package io.issuegraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.Sha256;
import io.issuegraph.testsupport.IntegrationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** A server for one known frontend: trusted documents only, and no introspection. */
@TestPropertySource(properties = {"issuegraph.graphql.introspection=false",
        "issuegraph.graphql.trusted-documents=src/test/resources/graphql-documents/trusted-documents.json"})
class LockedDownTest extends IntegrationTest {

    private static final String WHO = Sha256.hex("query Who { me { name } }");
    private static final String TYPES = Sha256.hex("query Types { __schema { types { name } } }");

    private String token;

    @BeforeAll
    void signIn() {
        token = gotrue.accessToken(newUser("Trudy Trusted"));
    }

    @Test
    void aTrustedDocumentRunsByDocumentIdWithOrWithoutPrefixOrByApolloExtension() {
        assertThat(post("{\"documentId\":\"" + WHO + "\"}", token).body()).contains("\"name\":\"Trudy Trusted\"");
        assertThat(post("{\"documentId\":\"sha256:" + WHO + "\"}", token).body()).contains("\"name\":\"Trudy Trusted\"");
        assertThat(post("{\"extensions\":{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + WHO + "\"}}}", token)
                .body()).contains("\"name\":\"Trudy Trusted\"");
    }

    @Test
    void anythingElseIsRefused() {
        HttpResponse<String> text = post("{\"query\":\"{ me { name } }\"}", token);
        HttpResponse<String> unknown = post("{\"documentId\":\"sha256:" + "0".repeat(64) + "\"}", token);

        assertThat(text.body()).contains("Only trusted documents").contains("\"classification\":\"FORBIDDEN\"")
                .doesNotContain("\"data\":{");
        assertThat(unknown.body()).contains("PersistedQueryNotFound").contains("\"classification\":\"NOT_FOUND\"");
    }

    @Test
    void introspectionIsOffAndSoIsThePrintedSchema() {
        HttpResponse<String> introspection = post("{\"documentId\":\"" + TYPES + "\"}", token);

        assertThat(introspection.body()).contains("\"errors\"").doesNotContain("\"IssueConnection\"");
        assertThat(get("/graphql/schema").statusCode()).isIn(401, 404);
    }
}
