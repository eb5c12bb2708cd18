/**
 * Issues: the GraphQL operations on them, their rules (who may change what, valid titles, page sizes),
 * and the {@code issues} table with its keyset pages. Knows the caller only as an {@link
 * io.issuegraph.identity.IdentityUser}.
 */
package io.issuegraph.issue;
