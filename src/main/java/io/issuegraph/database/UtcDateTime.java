package io.issuegraph.database;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times in the database are UTC {@code DATETIME(3)}, written and read without any time zone involved.
 * <p>
 * They are bound as text ({@code 2026-11-27 10:15:30.123}), which every server converts to
 * {@code DATETIME(3)} exactly: Connector/J drops the milliseconds of a bound {@code LocalDateTime} when
 * MariaDB 10.x reports itself as version "5.5.5-10.x", a version it believes has no fractional seconds.
 */
public final class UtcDateTime {

    private static final DateTimeFormatter SQL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private UtcDateTime() {
    }

    public static String toSql(Instant instant) {
        return SQL.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    public static String toSql(OffsetDateTime time) {
        return toSql(time.toInstant());
    }

    public static OffsetDateTime fromSql(LocalDateTime utc) {
        return utc.atOffset(ZoneOffset.UTC);
    }
}
