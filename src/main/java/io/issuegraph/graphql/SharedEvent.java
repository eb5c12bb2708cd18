package io.issuegraph.graphql;

import graphql.GraphQLContext;

/**
 * A subscription event that many subscribers get at once. Those whose answer to it would be the same (the
 * same operation of the same document, the same variables, the same {@link #viewerKey}) are sent one
 * rendering of it, executed once ({@link SharedEventExecution}).
 */
public interface SharedEvent {

    /** Where this event's renderings are kept for the subscribers that get it later: its own, made with it. */
    SharedRenderings renderings();

    /**
     * All that the answer to this event may depend on of the subscriber, besides the operation and its
     * variables: the caller's standing to the event's subject, for instance. Null when this subscriber's
     * answer is to be its own.
     */
    Object viewerKey(GraphQLContext context);
}
