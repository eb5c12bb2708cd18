package io.issuegraph.web;

import io.issuegraph.IdentityProperties;
import io.issuegraph.JobThreads;
import io.issuegraph.RequestPipeline;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.issuegraph.identity.ClosedAccounts;
import io.issuegraph.identity.IdentityAuthentication;
import io.issuegraph.identity.IdentityServiceUnavailableException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.SmartLifecycle;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * The open graphql-ws connections of this instance, bounded ({@link WebSocketProperties};
 * docs/live-updates.md#limits): in all (over the cap a new one closes with 1013), per client address
 * before {@code connection_init} is accepted and per user after (over either, 4429); and what closes them
 * (with 4401) once their token has expired, their account is closed, on any instance, or their token no
 * longer stands for the rights it had: the streams on them have then ended with their final error, which
 * is given a moment to reach the client first.
 */
@Component
class WebSocketSessions implements SmartLifecycle {

    private static final Duration CHECK_EVERY = Duration.ofMillis(200);
    /** Time for a stream's final error to be sent before its connection closes. */
    private static final Duration GRACE = Duration.ofMillis(500);

    static final CloseStatus TOO_MANY = new CloseStatus(4429, "Too many connections");
    private static final CloseStatus FULL = new CloseStatus(1013, "This server has all the connections it takes");

    private final ClosedAccounts closedAccounts;
    private final WebSocketProperties limits;
    private final Clock clock;
    private final AuthenticationProvider tokens;
    private final Duration recheckEvery;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    /** Open connections not yet authenticated, by client address key; authenticated ones by user. */
    private final Map<String, Integer> unauthenticated = new ConcurrentHashMap<>();
    private final Map<String, Integer> byUser = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private volatile ThreadPoolTaskScheduler scheduler;

    private static final class Connection {
        final WebSocketSession session;
        final String address;
        /** Whether it still counts against its address's connections not yet authenticated; under its lock. */
        boolean counted = true;
        /** Whether it has been closed; under its lock. */
        boolean closed;
        /** Set, under its lock, once it counts against its user's connections. */
        volatile IdentityAuthentication caller;
        /** The token it authenticated with, and when to check again what it stands for. */
        volatile String token;
        volatile Instant recheckAt;
        volatile Instant invalidSince;

        Connection(WebSocketSession session, String address) {
            this.session = session;
            this.address = address;
        }
    }

    WebSocketSessions(ClosedAccounts closedAccounts, WebSocketProperties limits, Clock clock, MeterRegistry meters,
            AuthenticationProvider identityAuthenticationProvider, IdentityProperties identity) {
        this.closedAccounts = closedAccounts;
        this.limits = limits;
        this.clock = clock;
        this.tokens = identityAuthenticationProvider;
        this.recheckEvery = identity.introspectionCacheTtl();
        Gauge.builder("issuegraph.websocket.connections", open, AtomicInteger::get)
                .description("Open graphql-ws connections").register(meters);
    }

    /**
     * Registers a new connection, or closes it: with 1013 when the instance has all it takes, with 4429
     * when its address holds too many not yet authenticated.
     */
    void opened(WebSocketSession session) {
        if (open.incrementAndGet() > limits.maxConnections()) {
            open.decrementAndGet();
            close(session, FULL);
            return;
        }
        var connection = new Connection(session, ClientAddress.key(session.getRemoteAddress()));
        if (!countOne(unauthenticated, connection.address, limits.maxUnauthenticatedPerAddress())) {
            open.decrementAndGet();
            close(session, TOO_MANY);
            return;
        }
        connections.put(session.getId(), connection);
    }

    /** Adds one to the count under this key, unless it has reached the limit; whether it did. */
    private static boolean countOne(Map<String, Integer> counts, String key, int limit) {
        boolean[] counted = {false};
        counts.compute(key, (same, count) -> {
            counted[0] = count == null || count < limit;
            return count == null ? 1 : counted[0] ? count + 1 : count;
        });
        return counted[0];
    }

    private static void uncountOne(Map<String, Integer> counts, String key) {
        counts.computeIfPresent(key, (same, count) -> count > 1 ? count - 1 : null);
    }

    /**
     * The session's caller, once {@code connection_init} authenticated them; false, and nothing recorded,
     * when the user already holds as many connections as they may.
     */
    boolean authenticated(String sessionId, IdentityAuthentication caller, String token) {
        Connection connection = connections.get(sessionId);
        if (connection == null) {
            return true; // closed meanwhile
        }
        synchronized (connection) {
            if (connection.closed) {
                return true;
            }
            if (!countOne(byUser, caller.getName(), limits.maxPerUser())) {
                return false;
            }
            connection.token = token;
            connection.recheckAt = clock.instant().plus(recheckEvery);
            connection.caller = caller;
            uncount(connection);
        }
        return true;
    }

    /** The caller {@code connection_init} authenticated on this connection; null before, or when there is none. */
    IdentityAuthentication callerOf(String sessionId) {
        Connection connection = connections.get(sessionId);
        return connection == null ? null : connection.caller;
    }

    /** Closes a connection whose {@code connection_init} was refused. */
    void refuse(String sessionId, CloseStatus status) {
        Connection connection = connections.get(sessionId);
        if (connection != null) {
            close(connection.session, status);
        }
    }

    void closed(String sessionId) {
        Connection connection = connections.remove(sessionId);
        if (connection != null) {
            open.decrementAndGet();
            synchronized (connection) {
                connection.closed = true;
                uncount(connection);
                if (connection.caller != null) {
                    uncountOne(byUser, connection.caller.getName());
                }
            }
        }
    }

    /** Takes the connection off its address's count, once; under its lock. */
    private void uncount(Connection connection) {
        if (connection.counted) {
            connection.counted = false;
            uncountOne(unauthenticated, connection.address);
        }
    }

    void check() {
        Instant now = clock.instant();
        for (var entry : connections.entrySet()) {
            Connection connection = entry.getValue();
            if (!connection.session.isOpen()) {
                closed(entry.getKey());
                continue;
            }
            IdentityAuthentication caller = connection.caller;
            ClosedAccounts.Lapse lapse = caller == null ? null : closedAccounts.lapse(caller.getName(), caller.expiresAt(), now);
            String reason = caller == null ? null : lapse == ClosedAccounts.Lapse.TOKEN_EXPIRED ? "Token expired"
                    : lapse == ClosedAccounts.Lapse.ACCOUNT_CLOSED ? "Account deleted"
                    : !now.isBefore(connection.recheckAt) ? recheck(connection, now) : null;
            if (reason == null) {
                continue;
            }
            if (connection.invalidSince == null) {
                connection.invalidSince = now;
            } else if (!now.isBefore(connection.invalidSince.plus(GRACE))) {
                close(connection.session, new CloseStatus(4401, reason));
                closed(entry.getKey());
            }
        }
    }

    /**
     * Asks again what the connection's token stands for, as a request over HTTP would (in introspection
     * mode, GoTrue, once its answer is older than {@code ISSUEGRAPH_IDENTITY_INTROSPECTION_CACHE_TTL}): a
     * token no longer good, or rights that changed, end the connection, and the client reconnects with
     * what it has now. While the identity service cannot tell, the connection stays, and is asked about
     * again at the next check.
     */
    private String recheck(Connection connection, Instant now) {
        Authentication current;
        try {
            current = tokens.authenticate(new BearerTokenAuthenticationToken(connection.token));
        } catch (IdentityServiceUnavailableException cannotTell) {
            return null;
        } catch (AuthenticationException refused) {
            return "Unauthorized";
        }
        if (current == null || !Set.copyOf(current.getAuthorities()).equals(Set.copyOf(connection.caller.getAuthorities()))) {
            return "Rights changed";
        }
        connection.recheckAt = now.plus(recheckEvery);
        return null;
    }

    private static void close(WebSocketSession session, CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException alreadyGone) {
            // the client went first
        }
    }

    @Override
    public void start() {
        scheduler = JobThreads.every(CHECK_EVERY, "websocket-sessions", this::check);
    }

    /**
     * Closes the connections (1001, going away) before the web server's graceful shutdown waits for them,
     * and before the live streams end (docs/live-updates.md#guarantees).
     */
    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
        connections.values().forEach(connection -> GraphQlWebSockets.closeInTurn(connection.session, CloseStatus.GOING_AWAY));
        connections.clear();
        unauthenticated.clear();
        byUser.clear();
        open.set(0);
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    @Override
    public int getPhase() {
        return RequestPipeline.CLOSE_CONNECTIONS;
    }
}
