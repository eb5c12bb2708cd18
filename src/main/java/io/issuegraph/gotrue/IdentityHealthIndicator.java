package io.issuegraph.gotrue;

import io.issuegraph.IdentityProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * Whether the identity service can be reached: GoTrue's {@code /health} when a URL is configured, the
 * JWK set in JWKS mode; with only the HS256 secret, tokens are verified locally and nothing is remote.
 * <p>
 * DOWN only in introspection mode, the one mode that cannot serve without GoTrue; elsewhere an
 * unreachable GoTrue is a detail, so that load balancers do not take every instance out at once.
 * Probes get the last answer: it is refreshed in the background, on a thread of its own, once it is
 * older than {@code ISSUEGRAPH_IDENTITY_HEALTH_CACHE_TTL}, so a probe never waits for GoTrue and many
 * probes make one call.
 */
@Component("identity")
class IdentityHealthIndicator implements HealthIndicator, DisposableBean {

    private record Checked(Health health, Instant at) {
    }

    private final IdentityProperties properties;
    private final GoTrueClient gotrue;
    private final Clock clock;
    private final ExecutorService checker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "identity-health");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile Checked last;

    IdentityHealthIndicator(IdentityProperties properties, GoTrueClient gotrue, Clock clock) {
        this.properties = properties;
        this.gotrue = gotrue;
        this.clock = clock;
        checkInBackground();
    }

    @Override
    public Health health() {
        Checked checked = last;
        if (checked == null || Duration.between(checked.at(), clock.instant()).compareTo(properties.healthCacheTtl()) >= 0) {
            checkInBackground();
        }
        return checked != null ? checked.health()
                : Health.unknown().withDetail("mode", properties.mode().name()).withDetail("gotrue", "not checked yet").build();
    }

    private void checkInBackground() {
        if (checking.compareAndSet(false, true)) {
            checker.execute(() -> {
                try {
                    last = new Checked(check(), clock.instant());
                } finally {
                    checking.set(false);
                }
            });
        }
    }

    private Health check() {
        Health.Builder health = Health.up().withDetail("mode", properties.mode().name());
        boolean reachable = true;
        if (properties.url() != null) {
            reachable = check(health, gotrue::checkHealth, "gotrue");
        }
        if (properties.jwksUri() != null) {
            check(health, gotrue::checkJwks, "jwks");
        }
        if (!reachable && properties.mode() == IdentityProperties.Mode.INTROSPECTION) {
            health.down();
        }
        return health.withDetail("checkedAt", clock.instant().toString()).build();
    }

    private static boolean check(Health.Builder health, Runnable call, String name) {
        try {
            call.run();
            health.withDetail(name, "reachable");
            return true;
        } catch (RestClientException unreachable) {
            health.withDetail(name, "unreachable: " + unreachable.getMostSpecificCause().getClass().getSimpleName());
            return false;
        }
    }

    @Override
    public void destroy() {
        checker.shutdownNow();
    }
}
