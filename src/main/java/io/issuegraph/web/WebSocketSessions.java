package io.issuegraph.web;

import io.issuegraph.JobThreads;
import io.issuegraph.identity.ClosedAccounts;
import io.issuegraph.identity.IdentityAuthentication;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * The open graphql-ws connections of this instance: how many each client address holds before
 * {@code connection_init} is accepted (over {@link WebSocketProperties#maxUnauthenticatedPerAddress} a new
 * one closes with 4429), and what closes them (with 4401) once their token has expired or their account
 * is closed, on any instance: the streams on them have then ended with their final error, which is given
 * a moment to reach the client first.
 */
@Component
class WebSocketSessions implements SmartLifecycle {

    private static final Duration CHECK_EVERY = Duration.ofMillis(200);
    /** Time for a stream's final error to be sent before its connection closes. */
    private static final Duration GRACE = Duration.ofMillis(500);

    static final CloseStatus TOO_MANY = new CloseStatus(4429, "Too many connections");

    private final ClosedAccounts closedAccounts;
    private final WebSocketProperties limits;
    private final Clock clock;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    /** Open connections not yet authenticated, by client address key. */
    private final Map<String, Integer> unauthenticated = new ConcurrentHashMap<>();
    private volatile ThreadPoolTaskScheduler scheduler;

    private static final class Connection {
        final WebSocketSession session;
        final String address;
        /** Whether it still counts against its address's connections not yet authenticated. */
        boolean counted = true;
        volatile IdentityAuthentication caller;
        volatile Instant invalidSince;

        Connection(WebSocketSession session, String address) {
            this.session = session;
            this.address = address;
        }
    }

    WebSocketSessions(ClosedAccounts closedAccounts, WebSocketProperties limits, Clock clock) {
        this.closedAccounts = closedAccounts;
        this.limits = limits;
        this.clock = clock;
    }

    /** Registers a new connection, or closes it (4429) when its address holds too many not yet authenticated. */
    void opened(WebSocketSession session) {
        var connection = new Connection(session, ClientAddress.key(session.getRemoteAddress()));
        boolean[] admitted = {false};
        unauthenticated.compute(connection.address, (address, open) -> {
            int count = open == null ? 0 : open;
            admitted[0] = count < limits.maxUnauthenticatedPerAddress();
            return admitted[0] ? count + 1 : open;
        });
        if (!admitted[0]) {
            close(session, TOO_MANY);
            return;
        }
        connections.put(session.getId(), connection);
    }

    /** The session's caller, once {@code connection_init} authenticated them. */
    void authenticated(String sessionId, IdentityAuthentication caller) {
        Connection connection = connections.get(sessionId);
        if (connection != null) {
            connection.caller = caller;
            uncount(connection);
        }
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
            uncount(connection);
        }
    }

    private void uncount(Connection connection) {
        synchronized (connection) {
            if (!connection.counted) {
                return;
            }
            connection.counted = false;
        }
        unauthenticated.computeIfPresent(connection.address, (address, open) -> open > 1 ? open - 1 : null);
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
            String reason = caller == null ? null : !now.isBefore(caller.expiresAt()) ? "Token expired"
                    : closedAccounts.standingOf(caller.getName()) != ClosedAccounts.Standing.OPEN ? "Account deleted" : null;
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

    /** Closes the connections (1001, going away) before the web server's graceful shutdown waits for them. */
    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
        connections.values().forEach(connection -> close(connection.session, CloseStatus.GOING_AWAY));
        connections.clear();
        unauthenticated.clear();
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
