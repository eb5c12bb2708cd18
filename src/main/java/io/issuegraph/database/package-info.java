/**
 * Database conventions shared by the repositories.
 */
package io.issuegraph.database;
