-- One row per account whose deletion was asked for. The row is written in the same transaction that
-- deletes the account's issues, and it stays: it is what keeps a racing createIssue out and what
-- the retrier works from until the Identity user is gone.
CREATE TABLE account_deletions (
    user_id             VARCHAR(64)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    requested_at        DATETIME(3)   NOT NULL,
    -- Tokens of this user are refused until then; NULL while the Identity user still exists
    -- (the user could still sign in and get a fresh token).
    revoke_tokens_until DATETIME(3)   NULL,
    identity_deleted_at DATETIME(3)   NULL,
    attempts            INT           NOT NULL DEFAULT 0,
    next_attempt_at     DATETIME(3)   NULL,
    claimed_by          VARCHAR(100)  NULL,
    claimed_until       DATETIME(3)   NULL,
    last_error          VARCHAR(500)  NULL,
    PRIMARY KEY (user_id),
    INDEX account_deletions_pending (identity_deleted_at, next_attempt_at),
    INDEX account_deletions_revoked (revoke_tokens_until)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
