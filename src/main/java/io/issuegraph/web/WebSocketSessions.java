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
 * The open graphql-ws connections of this instance, and what closes them (with 4401) once their token
 * has expired or their account is closed, on any instance: the streams on them have then ended with
 * their final error, which is given a moment to reach the client first.
 */
@Component
class WebSocketSessions implements SmartLifecycle {

    private static final Duration CHECK_EVERY = Duration.ofMillis(200);
    /** Time for a stream's final error to be sent before its connection closes. */
    private static final Duration GRACE = Duration.ofMillis(500);

    private final ClosedAccounts closedAccounts;
    private final Clock clock;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private volatile ThreadPoolTaskScheduler scheduler;

    private static final class Connection {
        final WebSocketSession session;
        volatile IdentityAuthentication caller;
        volatile Instant invalidSince;

        Connection(WebSocketSession session) {
            this.session = session;
        }
    }

    WebSocketSessions(ClosedAccounts closedAccounts, Clock clock) {
        this.closedAccounts = closedAccounts;
        this.clock = clock;
    }

    void opened(WebSocketSession session) {
        connections.put(session.getId(), new Connection(session));
    }

    /** The session's caller, once {@code connection_init} authenticated them. */
    void authenticated(String sessionId, IdentityAuthentication caller) {
        Connection connection = connections.get(sessionId);
        if (connection != null) {
            connection.caller = caller;
        }
    }

    void check() {
        Instant now = clock.instant();
        for (var entry : connections.entrySet()) {
            Connection connection = entry.getValue();
            if (!connection.session.isOpen()) {
                connections.remove(entry.getKey());
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
                connections.remove(entry.getKey());
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
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
