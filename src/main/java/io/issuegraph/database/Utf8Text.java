package io.issuegraph.database;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Text columns read as the UTF-8 they arrive in: every text column is {@code utf8mb4} or {@code ascii}
 * (db/migration) on a {@code utf8mb4} connection ({@code characterEncoding} in application.properties), so
 * this is what {@link ResultSet#getString} returns. Connector/J's {@code getString} builds a value factory,
 * with lookups of the connection's settings, for every value: about 3 % of a list's CPU (bench/RESULTS.md).
 */
public final class Utf8Text {

    private Utf8Text() {
    }

    /** The column's text, or null for SQL NULL. */
    public static String read(ResultSet row, int column) throws SQLException {
        byte[] bytes = row.getBytes(column);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
