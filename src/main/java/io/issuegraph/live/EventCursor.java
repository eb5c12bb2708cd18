package io.issuegraph.live;

import java.time.Instant;

/** An event's position in the stream: its id, and its time ({@link EventCursors} makes and reads them). */
record EventCursor(long id, Instant time) {
}
