package io.issuegraph.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.issuegraph.graphql.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.graphql.execution.ErrorType;

class IssueCursorTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 1_000_000_007L, Long.MAX_VALUE})
    void decodesWhatItEncodes(long id) {
        assertThat(IssueCursor.decode(IssueCursor.encode(id))).isEqualTo(id);
    }

    @Test
    void isOpaqueAndUrlSafe() {
        String cursor = IssueCursor.encode(Long.MAX_VALUE);
        assertThat(cursor).doesNotContain(String.valueOf(Long.MAX_VALUE)).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void noCursorMeansTheFirstPage() {
        assertThat(IssueCursor.decode(null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not base64!", "issue:12", "aXNzdWU6", "%%%"})
    void refusesWhatIsNotACursor(String cursor) {
        assertRefused(cursor);
    }

    @ParameterizedTest
    @ValueSource(strings = {"issue:0", "issue:-5", "issue:abc", "issue:99999999999999999999", "other:12", "issue: 12"})
    void refusesTamperedCursors(String text) {
        assertRefused(Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertRefused(String cursor) {
        assertThatThrownBy(() -> IssueCursor.decode(cursor))
                .isInstanceOfSatisfying(ApiException.class,
                        refused -> assertThat(refused.classification()).isEqualTo(ErrorType.BAD_REQUEST))
                .hasMessage("after must be the endCursor of a previous page");
    }
}
