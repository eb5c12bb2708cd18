/**
 * The one client of GoTrue's HTTP API (admin delete, {@code /user}, health) and of the Netlify delete
 * bridge, and the identity service's health. Knows nothing of issues or accounts.
 */
package io.issuegraph.gotrue;
