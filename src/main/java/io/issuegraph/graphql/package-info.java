/**
 * GraphQL plumbing shared by the features: scalars, the refusal vocabulary ({@link io.issuegraph.graphql.Refusal}),
 * how client errors get their classification while everything else stays opaque, the request limits,
 * persisted and trusted documents, and the operation tags of the metrics.
 */
package io.issuegraph.graphql;
