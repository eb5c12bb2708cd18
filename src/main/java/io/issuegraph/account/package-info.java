/**
 * An account's data: its download ({@code GET /me/export}, docs/api.md#download-my-data), and closing the
 * account: {@code deleteMyAccount} (the closing transaction), one attempt at deleting the
 * Identity user with its claim and retry policy, the retrier that repeats it on any instance, the
 * durable deletion record, and the in-memory list of accounts whose tokens are refused. Implements the
 * closed-account checks that {@code identity} and {@code issue} declare.
 */
package io.issuegraph.account;
