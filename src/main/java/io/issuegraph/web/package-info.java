/**
 * The HTTP edge: the security filter chains, Spring for GraphQL's HTTP handler with what it lacks (the
 * constrained request converter, GET, GraphQL-shaped 400/413/415), the one writer of refusals, the
 * per-address limit on tokens not yet known to be good, CORS and request ids. Nothing depends on it.
 */
package io.issuegraph.web;
