package io.issuegraph.live;

import io.issuegraph.database.UtcDateTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A lease in {@code job_leases}, so that one instance at a time runs a job: taken when free or expired,
 * kept by renewing it. Two plain statements, on MySQL, MariaDB and Vitess alike (no GET_LOCK).
 */
final class JobLease {

    private final JdbcClient jdbc;
    private final String name;
    private final Duration length;
    private final String holder = UUID.randomUUID().toString();

    JobLease(JdbcClient jdbc, String name, Duration length) {
        this.jdbc = jdbc;
        this.name = name;
        this.length = length;
    }

    /** Whether this instance holds the lease now, for {@code length} from {@code now}. */
    boolean tryHold(Instant now) {
        jdbc.sql("INSERT IGNORE INTO job_leases (name, holder, valid_until) VALUES (:name, :holder, :now)")
                .param("name", name).param("holder", holder).param("now", UtcDateTime.toSql(now)).update();
        return jdbc.sql("UPDATE job_leases SET holder = :holder, valid_until = :until"
                        + " WHERE name = :name AND (valid_until < :now OR holder = :holder)")
                .param("holder", holder).param("until", UtcDateTime.toSql(now.plus(length)))
                .param("name", name).param("now", UtcDateTime.toSql(now)).update() == 1;
    }
}
