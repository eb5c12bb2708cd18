/**
 * Database conventions shared by the repositories; the two pools (reads in autocommit mode, transactions out
 * of it, docs/architecture.md#transactions); the start-up checks of the database settings (a URL
 * MySQL's driver can use, a first connection whose failure is explained in one short report, a server
 * version the SQL runs on); and what happens when the database fails: which failures mean "unreachable,
 * retry later", and the pools' quick recovery.
 */
package io.issuegraph.database;
