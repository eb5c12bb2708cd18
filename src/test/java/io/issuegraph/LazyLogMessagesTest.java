package io.issuegraph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.springframework.core.log.LogMessage;

/**
 * Spring's lazy debug messages stay unrendered when DEBUG is off: Spring logs through SLF4J's commons-logging
 * bridge, not Apache Commons Logging 1.3, whose adapter renders every message it is given (pom.xml).
 * Spring Security's method interceptor builds two such messages per controller call.
 */
class LazyLogMessagesTest {

    @Test
    void aDebugMessageIsNotRenderedWhenDebugIsOff() {
        Log log = LogFactory.getLog("org.springframework.security.authorization.method");
        AtomicInteger rendered = new AtomicInteger();

        log.debug(LogMessage.of(() -> "rendered " + rendered.incrementAndGet()));
        log.trace(LogMessage.of(() -> "rendered " + rendered.incrementAndGet()));

        assertThat(log.isDebugEnabled()).isFalse();
        assertThat(rendered).hasValue(0);
    }
}
