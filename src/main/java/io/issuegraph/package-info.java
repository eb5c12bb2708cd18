/**
 * The application ({@link io.issuegraph.IssuegraphApplication}), the identity settings shared by
 * {@code identity}, {@code gotrue} and {@code account} ({@link io.issuegraph.IdentityProperties}, checked
 * before anything else starts), and how a refused setting is reported: one line naming the variable,
 * with the action to take (docs/configuration.md#which-identity-mode-and-refused-settings).
 */
package io.issuegraph;
