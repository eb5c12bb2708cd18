package io.issuegraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.testsupport.Fuzz;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The loops agree with the expressions of Spring Security's StrictHttpFirewall, string for string. */
class HeaderCharactersTest {

    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void agreeWithSpringSecuritysExpressions() {
        Fuzz fuzz = Fuzz.seeded("HeaderCharactersTest");
        for (int i = 0; i < 20_000; i++) {
            String text = fuzz.oneOf(f -> f.anyString(12), f -> f.chars('\u0000', '\u00ff', 0, 12),
                    f -> "Bearer " + f.chars('!', '~', 20, 40) + f.chars('\u0000', '\u0020', 0, 1),
                    f -> f.chars('\ud800', '\udfff', 1, 4) + f.chars('a', 'z', 0, 2));
            assertThat(HeaderCharacters.allowedName(text)).as("name %s", text.codePoints().boxed().toList())
                    .isEqualTo(NAME.matcher(text).matches());
            assertThat(HeaderCharacters.allowedValue(text)).as("value %s", text.codePoints().boxed().toList())
                    .isEqualTo(VALUE.matcher(text).matches());
        }
    }

    @Test
    void refuseControlCharactersButATabInValues() {
        assertThat(HeaderCharacters.allowedValue("Bearer abc")).isTrue();
        assertThat(HeaderCharacters.allowedValue("a\tb")).isTrue();
        assertThat(HeaderCharacters.allowedName("a\tb")).isFalse();
        assertThat(HeaderCharacters.allowedValue("a\r\nX-Injected: 1")).isFalse();
        assertThat(HeaderCharacters.allowedValue("\u0378")).as("unassigned").isFalse();
        assertThat(HeaderCharacters.allowedValue("")).isTrue();
    }
}
