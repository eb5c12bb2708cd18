-- Live updates (docs/live-updates.md): every change of an issue writes one row here, in the transaction
-- of the change (an outbox), so an event exists exactly when its change committed. Each instance reads
-- the new rows and pushes them to its subscribers; rows older than the retention window are pruned.
-- The issue's state after the change (before it, for DELETED) is kept, so that subscription filters are
-- decided without reading the issue again; previous_status lets a filter see an issue leave it.
CREATE TABLE issue_events (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    issue_id        BIGINT       NOT NULL,
    kind            ENUM('CREATED', 'UPDATED', 'DELETED') NOT NULL,
    status          ENUM('to-do', 'in progress', 'done') NOT NULL,
    previous_status ENUM('to-do', 'in progress', 'done') NULL,
    assignee_id     VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NULL,
    assignee_email  VARCHAR(255) COLLATE utf8mb4_bin NULL,
    created_at      DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    INDEX issue_events_created_at (created_at)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Jobs that one instance at a time should run (pruning the events): whoever holds an unexpired lease.
CREATE TABLE job_leases (
    name        VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    holder      VARCHAR(128) NOT NULL,
    valid_until DATETIME(3)  NOT NULL,
    PRIMARY KEY (name)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
