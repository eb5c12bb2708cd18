-- Finding and syncing issues (docs/api.md#search-order-and-sync).
-- Search: an InnoDB FULLTEXT index on the title, read in boolean mode (MySQL 8, MariaDB 10.6+, Vitess).
-- Each statement on its own: the first FULLTEXT index of a table rebuilds it.
ALTER TABLE issues ADD FULLTEXT INDEX issues_title_search (title);
-- Order by last change: keyset pages on (updated_at, id), and the sync's range of updatedAfter.
ALTER TABLE issues ADD INDEX issues_updated_at_id (updated_at, id);
-- The export (GET /me/export): one user's issues, oldest first, read in batches.
ALTER TABLE issues ADD INDEX issues_assignee_id (assignee_id, id);
