package io.issuegraph.account;

import io.issuegraph.issue.ClosedAccountGuard;
import org.springframework.stereotype.Component;

/** An account is closed for new issues once its deletion is recorded in {@code account_deletions}. */
@Component
class DeletionRecordGuard implements ClosedAccountGuard {

    @Override
    public String openAccountCondition(String userIdParameter) {
        return "NOT EXISTS (SELECT 1 FROM account_deletions WHERE user_id = :" + userIdParameter + ")";
    }
}
