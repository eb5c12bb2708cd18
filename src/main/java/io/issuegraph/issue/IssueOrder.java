package io.issuegraph.issue;

/**
 * The {@code IssueOrder} input: the order of a listing. Ties are broken by the id, in the same direction, so
 * every order is total and its keyset pages have no gaps or duplicates.
 */
record IssueOrder(IssueOrderField field, OrderDirection direction) {

    enum IssueOrderField {
        /** By id: the database hands ids out in the order issues were stored, so no index of its own is needed. */
        CREATED_AT,
        /** By {@code updated_at}, then id (index {@code issues_updated_at_id}). */
        UPDATED_AT
    }

    enum OrderDirection {
        ASC, DESC
    }

    boolean ascending() {
        return direction == OrderDirection.ASC;
    }

    /** The {@code ORDER BY} of a page in this order. */
    String orderBy() {
        String direction = ascending() ? " ASC" : " DESC";
        return field == IssueOrderField.UPDATED_AT ? "updated_at" + direction + ", id" + direction : "id" + direction;
    }

    @Override
    public String toString() {
        return field + " " + direction;
    }
}
