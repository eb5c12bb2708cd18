package io.issuegraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import reactor.util.concurrent.Queues;

/** The server runs with Reactor's queues of {@link SendQueues}: the property was set before Reactor read it. */
class SendQueuesTest extends IntegrationTest {

    @Test
    void theQueuesSpringForGraphQlMakesPerSubscriptionAndConnectionHoldThirtyTwoMessages() {
        assertThat(Queues.SMALL_BUFFER_SIZE).isEqualTo(SendQueues.SIZE);
    }
}
