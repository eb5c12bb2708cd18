/**
 * GraphQL plumbing shared by the features: scalars, the refusal vocabulary ({@link io.issuegraph.graphql.Refusal},
 * docs/api.md#errors), how client errors get their classification while everything else stays opaque (for
 * queries and for subscription streams alike), the request limits (docs/api.md#limits), queries-only
 * requests, persisted and trusted documents, the operation tags of the metrics, and subscription events
 * executed once per group of the subscribers that would get the same answer.
 */
package io.issuegraph.graphql;
