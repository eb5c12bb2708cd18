-- The key that signs the resume cursors of live updates (docs/live-updates.md#cursors) when
-- ISSUEGRAPH_LIVE_CURSOR_KEY is not set: made by the first instance that starts, read by every other.
CREATE TABLE live_cursor_keys (
    id     TINYINT       NOT NULL,
    secret VARBINARY(32) NOT NULL,
    PRIMARY KEY (id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
