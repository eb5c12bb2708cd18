-- Safe retries of createIssue (README, "Safe retries"): the client's idempotency key, unique per
-- assignee, and a fingerprint of what that request asked for. Binary, so that keys match byte for byte
-- (no case folding, no trailing-space padding); NULL for issues created without a key, which the unique
-- index allows any number of times.
ALTER TABLE issues
    ADD COLUMN idempotency_key         VARBINARY(400) NULL,
    ADD COLUMN idempotency_fingerprint CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
    ADD UNIQUE INDEX issues_assignee_idempotency_key (assignee_id, idempotency_key);
