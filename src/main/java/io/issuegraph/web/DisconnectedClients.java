package io.issuegraph.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.util.DisconnectedClientHelper;
import reactor.core.publisher.Hooks;

/**
 * A client that went away is no error of the server's. When an SSE stream ends (its token expired, its
 * account closed, the server stops) after its client has gone, Spring for GraphQL's SSE handler fails to
 * write the end, and Reactor reports that failure as a dropped error, at ERROR: those are logged at DEBUG
 * here; every other dropped error as Reactor would (docs/live-updates.md#client-mistakes).
 */
@Component
class DisconnectedClients {

    private static final Logger log = LoggerFactory.getLogger(DisconnectedClients.class);

    DisconnectedClients() {
        Hooks.onErrorDropped(DisconnectedClients::dropped); // JVM-wide, and the same for every context
    }

    static void dropped(Throwable error) {
        if (DisconnectedClientHelper.isClientDisconnectedException(error)) {
            log.debug("A stream ended after its client went away: {}", error.toString());
        } else {
            log.error("Operator called default onErrorDropped", error);
        }
    }
}
