package io.issuegraph.identity;

/**
 * What the per-address limit may know of a bearer token without checking it (docs/api.md#rate-limits):
 * whether it was accepted before, and which user it claims to be, so that a flood of bad tokens from one
 * address holds up neither tokens already accepted nor the fresh tokens of users seen before. Neither
 * checks a signature or asks the identity service: a token over the limit costs a hash lookup and, at most,
 * the decoding of its claims.
 */
public interface TokenPrecheck {

    /** True when the token was verified before and still counts (the same token, remembered). */
    boolean isKnownGood(String token);

    /** The user id ({@code sub}) the token claims, unverified; null when it is not a JWT that names one. */
    String claimedUser(String token);
}
