/**
 * Who the caller is, and what they may do: the typed principal, the three ways of verifying a GoTrue
 * token (HS256 secret, JWK set, introspection through the {@code gotrue} client), the authorities each
 * caller gets once at authentication (which method security on the controllers checks, on every
 * transport), and {@code me}. Knows nothing of issues or accounts: closed accounts are asked through
 * {@link io.issuegraph.identity.ClosedAccounts}, which the account package implements.
 */
package io.issuegraph.identity;
