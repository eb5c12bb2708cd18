package io.issuegraph.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/**
 * The final error of a subscription that the server ended ({@link ApiException}: a token that expired,
 * a closed account, a client too slow), with its classification, as resolvers' errors have it. Anything
 * else stays Spring for GraphQL's opaque INTERNAL_ERROR.
 */
@Component
class ApiSubscriptionExceptionResolver extends SubscriptionExceptionResolverAdapter {

    @Override
    protected GraphQLError resolveToSingleError(Throwable exception) {
        return exception instanceof ApiException api ? api.toError(GraphqlErrorBuilder.newError()).build() : null;
    }
}
