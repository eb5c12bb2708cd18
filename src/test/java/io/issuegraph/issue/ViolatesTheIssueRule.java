package io.issuegraph.issue;

import io.issuegraph.account.AccountDeletionProperties;

/** Breaks the issue rule on purpose, only so that ArchitectureTest can show that the rule fails. */
public final class ViolatesTheIssueRule {

    AccountDeletionProperties account;
}
