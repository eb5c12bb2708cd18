package io.issuegraph.issue;

/**
 * The SQL condition that keeps a closed account from getting new issues. Owned here, where it is used; the account package,
 * which knows which accounts are closed, implements it.
 */
public interface OpenAccountCondition {

    /**
     * An SQL condition that holds while the account whose id is bound to the named parameter
     * {@code :userIdParameter} is open, for the {@code INSERT … SELECT} that creates an issue: its read
     * of the deletion record is a locking read, so a deletion being written is waited for, and a
     * deletion that starts later waits for the insert (see {@code IssueRepository#insertForOpenAccount}).
     */
    String sql(String userIdParameter);
}
