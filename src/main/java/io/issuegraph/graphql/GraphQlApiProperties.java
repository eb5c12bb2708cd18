package io.issuegraph.graphql;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What one GraphQL request may ask of the server (environment {@code ISSUEGRAPH_GRAPHQL_*}). Every
 * limit is checked before any resolver or SQL runs; the README's "Limits" section explains each.
 *
 * @param maxRequestBytes largest request body (and GET query string); larger ones get HTTP 413 unread
 */
@ConfigurationProperties("issuegraph.graphql")
public record GraphQlApiProperties(@DefaultValue("100KB") DataSize maxRequestBytes) {
}
