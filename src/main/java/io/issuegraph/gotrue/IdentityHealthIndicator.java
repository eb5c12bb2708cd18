package io.issuegraph.gotrue;

import io.issuegraph.IdentityProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * Whether the identity service can be reached: GoTrue's {@code /health} when a URL is configured, the
 * JWK set in JWKS mode; with only the HS256 secret, tokens are verified locally and nothing is remote.
 */
@Component("identity")
class IdentityHealthIndicator implements HealthIndicator {

    private final IdentityProperties properties;
    private final GoTrueClient gotrue;

    IdentityHealthIndicator(IdentityProperties properties, GoTrueClient gotrue) {
        this.properties = properties;
        this.gotrue = gotrue;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up().withDetail("mode", properties.mode().name());
        if (properties.url() != null) {
            health = check(health, gotrue::checkHealth, "gotrue");
        }
        if (properties.jwksUri() != null) {
            health = check(health, gotrue::checkJwks, "jwks");
        }
        return health.build();
    }

    private static Health.Builder check(Health.Builder health, Runnable call, String name) {
        try {
            call.run();
            return health.withDetail(name, "reachable");
        } catch (RestClientException unreachable) {
            return health.down().withDetail(name, "unreachable: " + unreachable.getMostSpecificCause().getClass().getSimpleName());
        }
    }
}
