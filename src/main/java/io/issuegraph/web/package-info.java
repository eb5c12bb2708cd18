/**
 * The HTTP edge: the security filter chains, Spring for GraphQL's HTTP, SSE and WebSocket handlers with
 * what they lack (the constrained request converter, GET, GraphQL-shaped 400/413/415, the WebSocket
 * handshake's origins and {@code connection_init} authentication, client mistakes answered, connection
 * caps), the one writer of refusals, the per-address limit on tokens not yet known to be good (over HTTP
 * and {@code connection_init} alike), CORS, request ids, and {@code GET /}. Nothing depends on it.
 */
package io.issuegraph.web;
