/**
 * GraphQL plumbing shared by the features: scalars, and how client errors get their classification
 * while everything else stays opaque.
 */
package io.issuegraph.graphql;
