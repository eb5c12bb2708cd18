package io.issuegraph.web;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Reactor's default queue size, 16 slots (Reactor's least) instead of 256, unless set on the command line
 * ({@value #PROPERTY}). Nothing configures the queue Spring for GraphQL puts between each graphql-ws
 * subscription and its connection's sending thread, nor the one of each connection's keep-alive: they take
 * this size, made up front, so 16 slots are 1 KB less of heap for each, idle or not, and a stalled client's
 * subscription holds at most 16 rendered messages there, not 256 (docs/live-updates.md#slow-clients).
 * Reactor reads it once, as its {@code Queues} class loads: set here, as the environment is prepared, before
 * anything of Reactor runs.
 */
class SendQueues implements EnvironmentPostProcessor {

    static final String PROPERTY = "reactor.bufferSize.small";
    static final int SIZE = 16;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, Integer.toString(SIZE));
        }
    }
}
