/**
 * The HTTP edge: which requests need a token, and the GraphQL-shaped answers to those that could not
 * be authenticated.
 */
package io.issuegraph.web;
