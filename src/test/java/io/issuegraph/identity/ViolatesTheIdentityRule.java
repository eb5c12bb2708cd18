package io.issuegraph.identity;

import io.issuegraph.account.AccountDeletionProperties;
import io.issuegraph.issue.IssueService;

/** Breaks the identity rule on purpose, only so that ArchitectureTest can show that the rule fails. */
public final class ViolatesTheIdentityRule {

    AccountDeletionProperties account;
    IssueService issues;
}
