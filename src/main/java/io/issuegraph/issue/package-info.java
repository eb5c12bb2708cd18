/**
 * Issues: the GraphQL operations on them, their rules (who may change what, valid titles, page sizes,
 * idempotency keys for safe retries: docs/api.md#retrying-a-create-safely), the {@code issues} table with
 * its keyset pages in each order and its search (docs/api.md#search-order-and-sync), and the
 * {@code issue_events} outbox written in the transaction of each change, which the {@code live} package
 * reads. Knows the caller only as an {@link io.issuegraph.identity.IdentityUser}.
 */
package io.issuegraph.issue;
