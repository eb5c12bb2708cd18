package io.issuegraph.identity;

/**
 * What the per-address limit may know of a bearer token past its budget (docs/api.md#rate-limits): whether
 * it was accepted before, whether it verifies here, and which user it claims to be, so that a flood of bad
 * tokens from one address holds up neither tokens already accepted, nor good ones where tokens are
 * verified locally, nor the fresh tokens of users seen before. None of it asks the identity service.
 */
public interface TokenPrecheck {

    /** True when the token was verified before and still counts (the same token, remembered). */
    boolean isKnownGood(String token);

    /**
     * True when the token verifies here, with the HS256 secret or a JWK set key already fetched: a signature
     * checked, never a question to the identity service. Always false with introspection.
     */
    boolean verifiesLocally(String token);

    /** The user id ({@code sub}) the token claims, unverified; null when it is not a JWT that names one. */
    String claimedUser(String token);
}
