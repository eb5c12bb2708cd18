/**
 * Live updates (docs/live-updates.md): {@code issueEvents}, the reader that polls the {@code issue_events}
 * outbox on each instance (one reader per instance, whatever the number of subscribers), the window of
 * events that lets a client resume with {@code after}, and the fan-out to this instance's subscribers,
 * each with a bounded buffer of its own. The same subscriptions over graphql-ws and SSE, authorized as
 * queries are.
 */
package io.issuegraph.live;
