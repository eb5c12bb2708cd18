/**
 * Who the caller is: the typed principal, the three ways of verifying a GoTrue token (HS256 secret,
 * JWK set, introspection), GoTrue's admin API and the Netlify delete bridge, and {@code me}. Knows
 * nothing of issues.
 */
package io.issuegraph.identity;
