package io.issuegraph.account;

/** The GraphQL {@code DeleteMyAccountPayload}. */
record DeleteMyAccountPayload(int deletedIssueCount, boolean identityDeleted, String message) {
}
