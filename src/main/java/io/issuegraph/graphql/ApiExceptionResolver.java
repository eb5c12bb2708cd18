package io.issuegraph.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/**
 * Shows {@link ApiException}s to the client with their classification. Anything else stays
 * unresolved, and Spring for GraphQL answers it with an opaque INTERNAL_ERROR (logging the cause).
 */
@Component
class ApiExceptionResolver extends DataFetcherExceptionResolverAdapter {

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        if (ex instanceof ApiException api) {
            return GraphqlErrorBuilder.newError(env).errorType(api.classification()).message(api.getMessage()).build();
        }
        return null;
    }
}
