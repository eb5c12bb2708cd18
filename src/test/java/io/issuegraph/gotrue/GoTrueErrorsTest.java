package io.issuegraph.gotrue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** GoTrue's error bodies come in several shapes (docs/identity.md#error-bodies); the message is read from each. */
class GoTrueErrorsTest {

    private final GoTrueErrors errors = new GoTrueErrors(JsonMapper.builder().build());

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"code":401,"msg":"User not allowed"}                                         | User not allowed
            {"code":403,"error_code":"not_admin","msg":"User not allowed"}                | User not allowed
            {"code":"not_admin","message":"User not allowed"}                             | User not allowed
            {"code":500,"msg":"Internal server error","error_id":"abc"}                   | Internal server error
            {"error":"invalid_grant","error_description":"Invalid Refresh Token"}         | Invalid Refresh Token
            <html><body>Bad gateway</body></html>                                         | (no readable error body)
            """)
    void readsTheMessageOfEveryErrorShape(String body, String message) {
        assertThat(errors.message(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(message);
    }
}
