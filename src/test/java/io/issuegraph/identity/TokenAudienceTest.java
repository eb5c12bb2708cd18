package io.issuegraph.identity;

import static io.issuegraph.identity.TokenAuthenticationTest.TEST_SECRET;
import static io.issuegraph.identity.TokenAuthenticationTest.hs256;
import static io.issuegraph.identity.TokenAuthenticationTest.validClaims;
import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.testsupport.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** With ISSUEGRAPH_IDENTITY_AUDIENCE set, tokens must carry it, as a string or in an array. */
@TestPropertySource(properties = "issuegraph.identity.audience=issuegraph")
class TokenAudienceTest extends IntegrationTest {

    private static final String ME = "{\"query\":\"{ me { id } }\"}";

    @Test
    void theConfiguredAudienceIsRequired() throws Exception {
        assertThat(post(ME, token("issuegraph")).statusCode()).isEqualTo(200);
        assertThat(post(ME, token(List.of("other", "issuegraph"))).statusCode()).isEqualTo(200);
        assertThat(post(ME, token("other")).statusCode()).isEqualTo(401);
        assertThat(post(ME, token(List.of("other"))).statusCode()).isEqualTo(401);
        assertThat(post(ME, token(null)).statusCode()).isEqualTo(401);
        assertThat(post(ME, token(null)).body()).contains("\"classification\":\"UNAUTHORIZED\"");
    }

    private static String token(Object audience) throws Exception {
        Map<String, Object> claims = validClaims();
        if (audience != null) {
            claims.put("aud", audience);
        }
        return hs256(claims, TEST_SECRET);
    }
}
