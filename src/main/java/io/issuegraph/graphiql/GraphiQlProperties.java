package io.issuegraph.graphiql;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * GraphiQL's starting state (environment {@code ISSUEGRAPH_GRAPHIQL_*}).
 *
 * @param authorization an {@code Authorization} header value the header editor starts with, given only to
 *     a browser on this machine (a loopback address). Only the local launcher sets it (a demo user's
 *     token); in production it stays empty.
 */
@ConfigurationProperties("issuegraph.graphiql")
public record GraphiQlProperties(String authorization) {

    public GraphiQlProperties {
        authorization = authorization == null ? "" : authorization.strip();
    }
}
