package io.issuegraph.identity;

import java.time.Instant;

/** A token that proved good: whose it is, and until when ({@code exp}), after which streams opened with it end. */
record VerifiedToken(IdentityUser user, Instant expiresAt) {
}
