package io.issuegraph.example.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * The service account's access token from GoTrue: a password grant first, then the refresh token a
 * minute before the access token expires (GoTrue's tokens live an hour), and a new password grant when
 * the refresh token is refused.
 */
final class GoTrueTokens {

    static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

    private final WebClient identity;
    private final String email;
    private final String password;
    private final Clock clock;
    private Token token;

    GoTrueTokens(WebClient.Builder builder, ServiceSettings settings, Clock clock) {
        this.identity = builder.baseUrl(settings.identityUrl().toString()).build();
        this.email = settings.email();
        this.password = settings.password();
        this.clock = clock;
    }

    synchronized String accessToken() {
        if (token == null) {
            token = passwordGrant();
        } else if (!clock.instant().isBefore(token.expiresAt().minus(REFRESH_MARGIN))) {
            try {
                token = grant(form("refresh_token", "refresh_token", token.refreshToken()));
            } catch (WebClientResponseException.BadRequest refused) {
                token = passwordGrant();
            }
        }
        return token.accessToken();
    }

    private Token passwordGrant() {
        MultiValueMap<String, String> form = form("password", "username", email);
        form.add("password", password);
        return grant(form);
    }

    private static MultiValueMap<String, String> form(String grantType, String name, String value) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", grantType);
        form.add(name, value);
        return form;
    }

    private Token grant(MultiValueMap<String, String> form) {
        // GoTrue reads only form-encoded bodies on /token
        TokenResponse response = identity.post().uri("/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form))
                .retrieve()
                .bodyToMono(TokenResponse.class)
                .block();
        if (response == null || response.access_token() == null) {
            throw new IllegalStateException("GoTrue answered /token without an access token");
        }
        return new Token(response.access_token(), response.refresh_token(),
                clock.instant().plusSeconds(response.expires_in()));
    }

    record TokenResponse(String access_token, String refresh_token, long expires_in) {
    }

    private record Token(String accessToken, String refreshToken, Instant expiresAt) {
    }
}
