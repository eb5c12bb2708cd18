package io.issuegraph;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the process's threads share a core (environment {@code ISSUEGRAPH_SCHEDULING_POLICY}), read once as the
 * application starts ({@link BatchScheduling}).
 *
 * @param policy {@code batch}: Linux's SCHED_BATCH; {@code normal}: the policy the process was started with
 */
@ConfigurationProperties("issuegraph.scheduling")
public record SchedulingProperties(@DefaultValue("batch") Policy policy) {

    /** The choices. */
    public enum Policy {
        BATCH,
        NORMAL
    }
}
