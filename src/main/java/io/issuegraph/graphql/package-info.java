/**
 * GraphQL plumbing shared by the features: scalars, the refusal vocabulary ({@link io.issuegraph.graphql.Refusal},
 * docs/api.md#errors), how client errors get their classification while everything else stays opaque (for
 * queries and for subscription streams alike), the request limits (docs/api.md#limits), queries-only
 * requests, persisted and trusted documents, and the operation tags of the metrics.
 */
package io.issuegraph.graphql;
