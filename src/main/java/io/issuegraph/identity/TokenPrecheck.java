package io.issuegraph.identity;

/**
 * Tells, without asking the identity service, whether a bearer token is good: verified here (HS256, a
 * JWK set key already fetched) or already accepted by introspection. The per-address limit uses it so
 * that it never holds up a caller whose token is good (docs/api.md#rate-limits).
 */
public interface TokenPrecheck {

    /** True when the token is known to be good now; false when it is bad, or only the identity service can tell. */
    boolean isKnownGood(String token);
}
