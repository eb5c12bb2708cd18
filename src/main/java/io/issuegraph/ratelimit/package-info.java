/**
 * Rate limits that hold on every transport (docs/api.md#rate-limits): a signed-in user's requests are
 * charged by a {@code WebGraphQlInterceptor}, and a mutation's extra cost once its operation is known,
 * both inside Spring for GraphQL, where no spelling of a path leads around them. The per-address budget
 * for tokens not yet known to be good is spent by the HTTP edge's filter.
 */
package io.issuegraph.ratelimit;
