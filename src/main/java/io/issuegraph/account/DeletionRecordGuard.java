package io.issuegraph.account;

import io.issuegraph.issue.ClosedAccountGuard;
import org.springframework.stereotype.Component;

/** An account is closed for new issues once its deletion is recorded; the locking read waits for one being written. */
@Component
class DeletionRecordGuard implements ClosedAccountGuard {

    private final AccountDeletionRepository deletions;

    DeletionRecordGuard(AccountDeletionRepository deletions) {
        this.deletions = deletions;
    }

    @Override
    public boolean isClosedForUpdate(String userId) {
        return deletions.existsForUpdate(userId);
    }
}
