package io.issuegraph.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The log of one logger, kept from the console while open: a test that provokes an ERROR on purpose
 * asserts on it here instead of printing it. A green build's log has no ERROR line (.ci/run checks).
 */
public final class CapturedLog implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    private CapturedLog(String name) {
        logger = (Logger) LoggerFactory.getLogger(name);
        events.start();
        logger.addAppender(events);
        logger.setAdditive(false);
    }

    public static CapturedLog of(Class<?> type) {
        return of(type.getName());
    }

    public static CapturedLog of(String loggerName) {
        return new CapturedLog(loggerName);
    }

    /** The messages logged at ERROR so far, with their arguments filled in. */
    public List<String> errors() {
        synchronized (events) {
            return events.list.stream().filter(event -> event.getLevel() == Level.ERROR)
                    .map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @Override
    public void close() {
        logger.setAdditive(true);
        logger.detachAppender(events);
        events.stop();
    }
}
