/**
 * Closing accounts: {@code deleteMyAccount}, the durable deletion record, the retrier that finishes
 * Identity deletions on any instance, and the in-memory list of accounts whose tokens are refused.
 */
package io.issuegraph.account;
