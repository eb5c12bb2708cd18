package io.issuegraph.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * GoTrue's admin API, as far as issuegraph needs it: {@code DELETE /admin/users/{id}} (contract §3).
 * <p>
 * The admin bearer is {@code ISSUEGRAPH_IDENTITY_ADMIN_TOKEN} (GoTrue's operator token or Supabase's
 * service_role key) or, without it, a one-minute token minted with the JWT secret that both forks take
 * as admin: {@code sub} the nil UUID is netlify/gotrue's system user (§3.1), {@code role: service_role}
 * is Supabase's admin role (§3.2).
 */
@Component
public class GoTrueAdminClient {

    /** GoTrue ids are UUIDs; anything else must never reach the URL (contract §7.1). */
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final String SYSTEM_USER = "00000000-0000-0000-0000-000000000000";
    private static final Duration MINTED_TOKEN_LIFETIME = Duration.ofMinutes(1);

    private final IdentityProperties properties;
    private final RestClient gotrue;
    private final Clock clock;

    GoTrueAdminClient(IdentityProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.gotrue = properties.url() == null ? null : GoTrueHttp.client(properties.url(), properties);
    }

    /** Whether users can be deleted through the admin API: a URL and an admin credential. */
    public boolean isConfigured() {
        return gotrue != null && (properties.adminToken() != null || properties.jwtSecret() != null);
    }

    public IdentityDeletion deleteUser(String userId) {
        if (!isConfigured()) {
            return IdentityDeletion.of(IdentityDeletion.Outcome.NOT_CONFIGURED,
                    "no admin credential: set ISSUEGRAPH_IDENTITY_URL and ISSUEGRAPH_IDENTITY_ADMIN_TOKEN");
        }
        if (!CANONICAL_UUID.matcher(userId).matches()) {
            return IdentityDeletion.of(IdentityDeletion.Outcome.REFUSED, "the user id is not a UUID");
        }
        try {
            // The id is a URI variable, so it is encoded as one path segment; no body (contract §7.10).
            return gotrue.delete().uri("/admin/users/{id}", userId)
                    .headers(headers -> headers.setBearerAuth(adminBearer()))
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        if (response.getStatusCode().is2xxSuccessful()) {
                            return IdentityDeletion.of(IdentityDeletion.Outcome.DELETED, "deleted");
                        }
                        String message = "HTTP " + status + ": " + GoTrueHttp.errorMessage(response.getBody());
                        return switch (status) {
                            case 404 -> IdentityDeletion.of(IdentityDeletion.Outcome.ALREADY_DELETED, message);
                            case 401, 403 -> IdentityDeletion.of(IdentityDeletion.Outcome.ADMIN_REJECTED, message);
                            default -> IdentityDeletion.of(status >= 500 || status == 429
                                    ? IdentityDeletion.Outcome.UNAVAILABLE : IdentityDeletion.Outcome.REFUSED, message);
                        };
                    });
        } catch (RestClientException unreachable) {
            return IdentityDeletion.of(IdentityDeletion.Outcome.UNAVAILABLE,
                    "identity service unreachable: " + unreachable.getMostSpecificCause().getClass().getSimpleName());
        }
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
