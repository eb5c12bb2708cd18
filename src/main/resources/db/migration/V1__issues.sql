-- Issues of the team tracker. Status values are the tutorial's, so existing tables keep working.
-- Plain MySQL 8.0 / MariaDB 10.6 / Vitess DDL: no vendor-only syntax.
CREATE TABLE issues (
    id             BIGINT       NOT NULL AUTO_INCREMENT,
    title          VARCHAR(255) NOT NULL,
    assignee_id    VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NULL,
    assignee_name  VARCHAR(255) NOT NULL,
    -- Binary collation: assigneeEmail is an exact match.
    assignee_email VARCHAR(255) COLLATE utf8mb4_bin NULL,
    status         ENUM('to-do', 'in progress', 'done') NOT NULL DEFAULT 'to-do',
    created_at     DATETIME(3)  NOT NULL,
    updated_at     DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    -- Each page is read per status, newest first (see IssueRepository), so every filter has an index
    -- ending in id: a page costs the same on a thousand rows and on a million.
    INDEX issues_status_id (status, id),
    INDEX issues_assignee_status_id (assignee_id, status, id),
    INDEX issues_assignee_email_status_id (assignee_email, status, id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
