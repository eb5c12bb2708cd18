package io.issuegraph.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import io.issuegraph.database.DatabaseFailures;
import java.util.Map;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/**
 * Shows {@link ApiException}s to the client with their classification, and a database that cannot be
 * reached as SERVICE_UNAVAILABLE (a client may retry; not logged per request, the pool logs the
 * outage). Anything else stays unresolved, and Spring for GraphQL answers it with an opaque
 * INTERNAL_ERROR (logging the cause).
 */
@Component
class ApiExceptionResolver extends DataFetcherExceptionResolverAdapter {

    static final String DATABASE_UNAVAILABLE = "The database cannot be reached right now; retry in a moment.";

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        if (ex instanceof ApiException api) {
            return api.toError(GraphqlErrorBuilder.newError(env)).build();
        }
        if (DatabaseFailures.isUnavailable(ex)) {
            // The pool reconnects within a fraction of a second once the database is back.
            return GraphqlErrorBuilder.newError(env).errorType(Refusal.SERVICE_UNAVAILABLE)
                    .message(DATABASE_UNAVAILABLE).extensions(Map.of(Refusal.RETRY_AFTER_SECONDS, 1)).build();
        }
        return null;
    }
}
