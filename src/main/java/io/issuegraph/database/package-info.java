/**
 * Database conventions shared by the repositories, and the start-up checks of the database settings:
 * a URL MySQL's driver can use, a first connection whose failure is explained in one short report, and
 * a server version the SQL runs on.
 */
package io.issuegraph.database;
