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
     * What of the subscriber its {@link #viewerKey} is made of (the caller, say), taken from its GraphQL
     * context once per subscription: the same for every event it gets.
     */
    Object viewer(GraphQLContext context);

    /**
     * All that the answer to this event may depend on of the subscriber, besides the operation and its
     * variables: the {@link #viewer}'s standing to the event's subject, for instance. Null when this
     * subscriber's answer is to be its own.
     */
    Object viewerKey(Object viewer);
}
