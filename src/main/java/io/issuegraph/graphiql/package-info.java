/**
 * GraphiQL at {@code /graphiql}: a pinned build served from {@code static/graphiql/} (sources in
 * {@code src/main/graphiql/}), so it works without internet access and without inline scripts.
 */
package io.issuegraph.graphiql;
