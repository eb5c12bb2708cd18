package io.issuegraph.live;

import io.issuegraph.graphql.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Resume cursors as clients see them (docs/live-updates.md#cursors): opaque, carrying the event's id and
 * time, so that a cursor older than the retention window is recognised without a query, and signed
 * (HMAC-SHA256 with the deployment's key: {@code ISSUEGRAPH_LIVE_CURSOR_KEY}, or one made once and kept in
 * {@code live_cursor_keys}), so that a cursor the server never issued replays nothing.
 */
@Component
class EventCursors {

    private static final Pattern FORMAT = Pattern.compile("e([12]):([0-9]{1,19}):([0-9]{1,19})(?::([A-Za-z0-9_-]{1,64}))?");
    private static final int MAC_BYTES = 16;
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    @Autowired
    EventCursors(LiveProperties properties, JdbcClient jdbc) {
        this(properties.cursorKey() != null ? properties.cursorKey().getBytes(StandardCharsets.UTF_8) : storedKey(jdbc));
    }

    EventCursors(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** The deployment's key: the first instance to start makes it, every instance reads the same. */
    private static byte[] storedKey(JdbcClient jdbc) {
        byte[] candidate = new byte[32];
        new SecureRandom().nextBytes(candidate);
        jdbc.sql("INSERT IGNORE INTO live_cursor_keys (id, secret) VALUES (1, :secret)").param("secret", candidate).update();
        return jdbc.sql("SELECT secret FROM live_cursor_keys WHERE id = 1").query(byte[].class).single();
    }

    String encode(EventCursor cursor) {
        String body = "e2:" + cursor.id() + ":" + cursor.time().toEpochMilli();
        return BASE64.encodeToString((body + ":" + BASE64.encodeToString(mac(body))).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The cursor a client passed as {@code after}: BAD_REQUEST unless this deployment issued it; a
     * BAD_REQUEST that says to reload ({@code CURSOR_EXPIRED}) when older than {@code oldestKept}, whoever
     * made it, since it could replay nothing anyway.
     */
    EventCursor decode(String cursor, Instant oldestKept) {
        Matcher parts;
        try {
            parts = FORMAT.matcher(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException notBase64) {
            throw notACursor();
        }
        if (!parts.matches()) {
            throw notACursor();
        }
        EventCursor decoded;
        try {
            decoded = new EventCursor(Long.parseLong(parts.group(2)), Instant.ofEpochMilli(Long.parseLong(parts.group(3))));
        } catch (NumberFormatException | DateTimeException outOfRange) {
            throw notACursor();
        }
        if (decoded.time().isBefore(oldestKept)) {
            throw StreamEndings.cursorTooOld();
        }
        String body = cursor(parts);
        if (!"2".equals(parts.group(1)) || parts.group(4) == null || !MessageDigest.isEqual(mac(body), macOf(parts.group(4)))) {
            throw notACursor();
        }
        return decoded;
    }

    private static String cursor(Matcher parts) {
        return "e" + parts.group(1) + ":" + parts.group(2) + ":" + parts.group(3);
    }

    private static byte[] macOf(String text) {
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException malformed) {
            return new byte[0];
        }
    }

    private byte[] mac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(body.getBytes(StandardCharsets.US_ASCII)), MAC_BYTES);
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", unavailable);
        }
    }

    private static ApiException notACursor() {
        return ApiException.badRequest("after is not a cursor of issueEvents: pass the cursor of the last event you got");
    }
}
