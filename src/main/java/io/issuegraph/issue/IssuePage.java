package io.issuegraph.issue;

import io.issuegraph.graphql.ApiException;
import java.util.List;

/**
 * One page of a listing in its order: the page sizes a client may ask for, the opaque cursors, and
 * whether a next page exists, which a read of one issue more than the page holds tells.
 */
record IssuePage(List<Issue> issues, boolean hasNextPage, IssueOrder order) {

    static final int MIN_SIZE = 1;
    static final int MAX_SIZE = 100;

    IssuePage {
        issues = List.copyOf(issues);
    }

    /** What a client asked for: a page size in range, the order, and where the page starts (null: the first page). */
    record Request(int size, IssueOrder order, IssueCursor.Position after) {

        static Request of(int first, String after, IssueOrder order) {
            if (first < MIN_SIZE || first > MAX_SIZE) {
                throw ApiException.badRequest("first must be between " + MIN_SIZE + " and " + MAX_SIZE);
            }
            return new Request(first, order, IssueCursor.decode(after, order));
        }

        /** How many issues to read: one more than the page, to learn whether a next page exists. */
        int lookahead() {
            return size + 1;
        }
    }

    /** The page within issues read with {@link Request#lookahead()}. */
    static IssuePage of(Request request, List<Issue> readWithLookahead) {
        return new IssuePage(readWithLookahead.stream().limit(request.size()).toList(),
                readWithLookahead.size() > request.size(), request.order());
    }

    String cursor(Issue issue) {
        return IssueCursor.encode(order, issue);
    }

    /** The cursor of the last issue, or null when the page is empty. */
    String endCursor() {
        return issues.isEmpty() ? null : cursor(issues.get(issues.size() - 1));
    }
}
