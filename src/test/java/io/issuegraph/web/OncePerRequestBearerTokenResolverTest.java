package io.issuegraph.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.issuegraph.testsupport.Fuzz;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The resolver answers as Spring Security's, header for header, and reads well-formed tokens itself. */
class OncePerRequestBearerTokenResolverTest {

    @Test
    void agreesWithSpringSecuritysResolver() {
        Fuzz fuzz = Fuzz.seeded("OncePerRequestBearerTokenResolverTest");
        for (int i = 0; i < 20_000; i++) {
            String header = fuzz.oneOf(f -> "", f -> "Bearer", f -> "Bearer ", f -> "bEaReR ", f -> "BEARER  ",
                    f -> "Basic ", f -> "Bearer\t", f -> f.chars('A', 'z', 0, 7), f -> f.anyString(8))
                    + fuzz.oneOf(f -> f.chars('!', '~', 1, 40),
                            f -> f.of(java.util.List.of("eyJhbGciOiJIUzI1NiJ9.e30.sig-_~+/", "abc", "a.b.c")),
                            f -> f.chars('a', 'z', 0, 3) + f.anyString(2) + f.chars('0', '9', 0, 3))
                    + fuzz.oneOf(f -> "", f -> "=", f -> "==", f -> "=a", f -> " ", f -> "\n",
                            f -> f.of(java.util.List.of("\u0131", "\u017f", "\u212a", "\u00e9")));
            String spring = answer(new DefaultBearerTokenResolver(), header);
            assertThat(OncePerRequestBearerTokenResolver.wellFormed(header)).as("%s", header.chars().boxed().toList())
                    .isEqualTo(spring.startsWith("token:") ? spring.substring(6) : null);
            assertThat(answer(new OncePerRequestBearerTokenResolver(), header)).as("%s", header.chars().boxed().toList())
                    .isEqualTo(spring);
        }
    }

    @Test
    void readsATokenOncePerRequestAndRefusesAMalformedOneEachTime() {
        var resolver = new OncePerRequestBearerTokenResolver();
        MockHttpServletRequest request = request("Bearer abc.def==");
        assertThat(resolver.resolve(request)).isEqualTo("abc.def==");
        request.removeHeader("Authorization");
        assertThat(resolver.resolve(request)).as("the token read first").isEqualTo("abc.def==");

        MockHttpServletRequest malformed = request("Bearer a b");
        assertThatThrownBy(() -> resolver.resolve(malformed)).isInstanceOf(OAuth2AuthenticationException.class);
        assertThatThrownBy(() -> resolver.resolve(malformed)).isInstanceOf(OAuth2AuthenticationException.class);
        assertThat(resolver.resolve(new MockHttpServletRequest())).isNull();
    }

    /** The resolver's answer to a request with this header: its token, none, or its refusal. */
    private static String answer(BearerTokenResolver resolver, String header) {
        try {
            String token = resolver.resolve(request(header));
            return token == null ? "none" : "token:" + token;
        } catch (OAuth2AuthenticationException refused) {
            return "refused: " + refused.getError().getDescription();
        }
    }

    private static MockHttpServletRequest request(String authorization) {
        var request = new MockHttpServletRequest("POST", "/graphql");
        request.addHeader("Authorization", authorization);
        return request;
    }
}
