package io.issuegraph.identity;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Whether the identity service can be reached: GoTrue's {@code /health} when a URL is configured, the
 * JWK set in JWKS mode; with only the HS256 secret, tokens are verified locally and nothing is remote.
 */
@Component("identity")
class IdentityHealthIndicator implements HealthIndicator {

    private final IdentityProperties properties;
    private final RestClient gotrue;
    private final RestClient jwks;

    IdentityHealthIndicator(IdentityProperties properties) {
        this.properties = properties;
        this.gotrue = properties.url() == null ? null : GoTrueHttp.client(properties.url(), properties);
        this.jwks = properties.jwksUri() == null ? null : GoTrueHttp.client(properties.jwksUri(), properties);
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up().withDetail("mode", properties.mode().name());
        if (gotrue != null) {
            health = check(health, gotrue, "/health", "gotrue");
        }
        if (jwks != null) {
            health = check(health, jwks, "", "jwks");
        }
        return health.build();
    }

    private static Health.Builder check(Health.Builder health, RestClient client, String path, String name) {
        try {
            client.get().uri(path).retrieve().toBodilessEntity();
            return health.withDetail(name, "reachable");
        } catch (RestClientException unreachable) {
            return health.down().withDetail(name, "unreachable: " + unreachable.getMostSpecificCause().getClass().getSimpleName());
        }
    }
}
