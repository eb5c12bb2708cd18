/**
 * Database conventions shared by the repositories, and what happens when the database fails: which
 * failures mean "unreachable, retry later", and the pool's quick recovery.
 */
package io.issuegraph.database;
