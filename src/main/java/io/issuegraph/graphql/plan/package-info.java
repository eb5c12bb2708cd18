/**
 * Compiled execution: each operation's selection compiled once into a plan (what to call for each field,
 * with its arguments already coerced, and how to complete its value), run in place of graphql-java's
 * generic field-by-field executor, with the same data fetchers, exception resolvers and answers
 * (docs/architecture.md#compiled-execution).
 */
package io.issuegraph.graphql.plan;
