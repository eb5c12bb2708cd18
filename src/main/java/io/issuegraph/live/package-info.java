/**
 * Live updates (docs/live-updates.md): {@code issueEvents}, the reader that polls the {@code issue_events}
 * outbox on each instance (one reader per instance, whatever the number of subscribers), the window of
 * events that lets a client resume with {@code after} (signed cursors, replays charged by size), and the
 * fan-out to this instance's subscribers, each with a bounded buffer of its own, delivered by a pool of
 * threads so that no socket holds up the reader, each event executed once per group of its subscribers
 * (docs/live-updates.md#one-rendering-per-group). The same subscriptions over graphql-ws and SSE, authorized
 * as queries are.
 */
package io.issuegraph.live;
