package io.issuegraph.web;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Reactor's default queue size, {@value #SIZE} slots instead of 256, unless set on the command line
 * ({@value #PROPERTY}). Spring for GraphQL's graphql-ws handler puts a {@code publishOn} with that default
 * between each subscription and its connection's sending thread, and one after each connection's
 * {@code connection_init} and keep-alive; nothing configures them, and each makes its queue up front and keeps it
 * for the life of its subscription or connection. Live events no longer pass there (they are written directly,
 * docs/live-updates.md#direct-delivery), only a resumed stream's replay and the handler's own messages: 32 slots
 * hold 0.7 KB less per subscription and 1.9 KB per connection (docs/live-updates.md#capacity). Reactor reads it
 * once, as its {@code Queues} class loads: set here, as the environment is prepared, before anything of Reactor runs.
 */
class SendQueues implements EnvironmentPostProcessor {

    static final String PROPERTY = "reactor.bufferSize.small";
    static final int SIZE = 32;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, Integer.toString(SIZE));
        }
    }
}
