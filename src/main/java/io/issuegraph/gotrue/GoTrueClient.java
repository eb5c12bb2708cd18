package io.issuegraph.gotrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.issuegraph.IdentityProperties;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one client of GoTrue's HTTP API, as far as issuegraph uses it: {@code DELETE /admin/users/{id}}
 * (docs/identity.md#admin-api), {@code GET /user} (docs/identity.md#introspection), {@code GET /health},
 * the JWK set, and the Netlify delete bridge (docs/account-deletion.md#the-delete-bridge). One
 * {@link RestClient}, from Boot's HTTP client settings with the identity timeouts, so that every call is
 * bounded.
 * <p>
 * The admin bearer is {@code ISSUEGRAPH_IDENTITY_ADMIN_TOKEN} (GoTrue's operator token or Supabase's
 * service_role key) or, without it, a one-minute token minted with the JWT secret that both forks take
 * as admin: {@code sub} the nil UUID is netlify/gotrue's system user, {@code role: service_role}
 * is Supabase's admin role (docs/identity.md#admin-api).
 */
@Component
public class GoTrueClient {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };
    /** GoTrue ids are UUIDs; anything else must never reach the URL (docs/identity.md#sending-the-id-and-the-body). */
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final String SYSTEM_USER = "00000000-0000-0000-0000-000000000000";
    private static final Duration MINTED_TOKEN_LIFETIME = Duration.ofMinutes(1);

    private final IdentityProperties properties;
    private final RestClient http;
    private final GoTrueErrors errors;
    private final Clock clock;

    GoTrueClient(IdentityProperties properties, RestClient.Builder restClients,
            ClientHttpRequestFactoryBuilder<?> requestFactories, HttpClientSettings settings, JsonMapper json,
            Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.errors = new GoTrueErrors(json);
        // GoTrue and the bridge speak HTTP/1.1; the JDK client would first try an h2c upgrade.
        ClientHttpRequestFactoryBuilder<?> factories = requestFactories instanceof JdkClientHttpRequestFactoryBuilder jdk
                ? jdk.withHttpClientCustomizer(client -> client.version(HttpClient.Version.HTTP_1_1))
                : requestFactories;
        restClients.requestFactory(factories.build(
                settings.withTimeouts(properties.connectTimeout(), properties.readTimeout())));
        if (properties.url() != null) {
            restClients.baseUrl(properties.url().toString());
        }
        this.http = restClients.build();
    }

    /** Whether users can be deleted through the admin API: a URL and an admin credential. */
    public boolean hasAdminApi() {
        return properties.url() != null && (properties.adminToken() != null || properties.jwtSecret() != null);
    }

    public UserDeletionOutcome deleteUser(String userId) {
        if (!hasAdminApi()) {
            return UserDeletionOutcome.of(UserDeletionOutcome.Outcome.NOT_CONFIGURED,
                    "no admin credential: set ISSUEGRAPH_IDENTITY_URL and ISSUEGRAPH_IDENTITY_ADMIN_TOKEN");
        }
        if (!isUserId(userId)) {
            return UserDeletionOutcome.of(UserDeletionOutcome.Outcome.REFUSED, "the user id is not a UUID");
        }
        try {
            // The id is a URI variable, so it is encoded as one path segment; no body (same section).
            return http.delete().uri("/admin/users/{id}", userId)
                    .headers(headers -> headers.setBearerAuth(adminBearer()))
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        return UserDeletionOutcome.ofAdminStatus(status, response.getStatusCode().is2xxSuccessful()
                                ? "deleted" : "HTTP " + status + ": " + errors.message(response.getBody()));
                    });
        } catch (RestClientException unreachable) {
            return UserDeletionOutcome.of(UserDeletionOutcome.Outcome.UNAVAILABLE,
                    "identity service unreachable: " + unreachable.getMostSpecificCause().getClass().getSimpleName());
        }
    }

    public boolean hasDeleteBridge() {
        return properties.deleteBridgeUrl() != null;
    }

    /** Whether anything configured can delete an Identity user: the admin API or the delete bridge. */
    public boolean canDeleteIdentityUsers() {
        return hasAdminApi() || hasDeleteBridge();
    }

    /** Whether the id has GoTrue's form, a UUID. */
    public static boolean isUserId(String id) {
        return CANONICAL_UUID.matcher(id).matches();
    }

    /**
     * Hands the caller's own token and a ticket for them to the delete bridge, which deletes exactly
     * that caller. Only an answer that confirms the deletion of this user counts: a 2xx from something
     * else at that URL (a proxy, a catch-all page) is no deletion.
     */
    public UserDeletionOutcome deleteViaBridge(String userId, String callerToken) {
        try {
            return http.post().uri(properties.deleteBridgeUrl())
                    .headers(headers -> headers.setBearerAuth(callerToken))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(DeleteBridgeTicket.sign(userId, clock.instant(), properties.deleteBridgeSecret()))
                    .exchange((request, response) -> {
                        if (!response.getStatusCode().is2xxSuccessful()) {
                            return UserDeletionOutcome.of(UserDeletionOutcome.Outcome.UNAVAILABLE, "the delete bridge answered HTTP "
                                    + response.getStatusCode().value() + ": " + errors.message(response.getBody()));
                        }
                        Map<String, Object> answer = response.bodyTo(JSON_OBJECT);
                        return answer != null && Boolean.TRUE.equals(answer.get("identityDeleted")) && userId.equals(answer.get("sub"))
                                ? UserDeletionOutcome.of(UserDeletionOutcome.Outcome.DELETED, "deleted by the bridge")
                                : UserDeletionOutcome.of(UserDeletionOutcome.Outcome.UNAVAILABLE,
                                        "the delete bridge answered without confirming the deletion");
                    });
        } catch (RestClientException unreachableOrUnreadable) {
            return UserDeletionOutcome.of(UserDeletionOutcome.Outcome.UNAVAILABLE, "the delete bridge is unreachable or unreadable");
        }
    }

    /** Asks GoTrue who the token belongs to ({@code GET /user}, docs/identity.md#introspection). */
    public UserLookup user(String token) {
        try {
            return http.get().uri("/user")
                    .headers(headers -> headers.setBearerAuth(token))
                    .exchange((request, response) -> {
                        // 429 is GoTrue (or Netlify's edge) asking us to slow down, not a verdict on the token.
                        if (response.getStatusCode().is4xxClientError() && response.getStatusCode().value() != 429) {
                            return new UserLookup.Refused(response.getStatusCode().value());
                        }
                        if (!response.getStatusCode().is2xxSuccessful()) {
                            return new UserLookup.Unavailable("The identity service is unavailable.", null);
                        }
                        Map<String, Object> user = response.bodyTo(JSON_OBJECT);
                        return user != null && user.get("id") instanceof String id && !id.isBlank()
                                ? new UserLookup.Found(id, user)
                                : new UserLookup.Unavailable("The identity service gave an unreadable answer.", null);
                    });
        } catch (RestClientException unreachableOrFailing) {
            return new UserLookup.Unavailable("The identity service is unavailable.", unreachableOrFailing);
        }
    }

    /** GoTrue's {@code GET /health}; throws when GoTrue cannot be reached or answers an error. */
    void checkHealth() {
        http.get().uri("/health").retrieve().toBodilessEntity();
    }

    /** Fetches the JWK set; throws when it cannot be had. */
    void checkJwks() {
        http.get().uri(properties.jwksUri()).retrieve().toBodilessEntity();
    }

    private String adminBearer() {
        if (properties.adminToken() != null) {
            return properties.adminToken();
        }
        Instant now = clock.instant();
        var claims = new JWTClaimsSet.Builder()
                .subject(SYSTEM_USER)
                .claim("role", "service_role")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(MINTED_TOKEN_LIFETIME)))
                .build();
        try {
            var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(properties.jwtSecretBytes()));
            return jwt.serialize();
        } catch (JOSEException secretTooShort) {
            throw new IllegalStateException("Cannot sign an admin token with ISSUEGRAPH_IDENTITY_JWT_SECRET", secretTooShort);
        }
    }
}
