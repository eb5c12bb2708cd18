package io.issuegraph.account;

import io.issuegraph.identity.ClosedAccounts;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Which accounts' tokens are refused, kept in memory so that authenticating a request costs no database
 * round trip. Every instance reloads the set from {@code account_deletions} every revocation refresh
 * interval (a second by default, so a deletion made on another instance is honoured within about a
 * second); a deletion made here counts at once.
 */
@Component
class ClosedAccountRegistry implements ClosedAccounts, InitializingBean {

    private final AccountDeletionRepository deletions;
    private final Clock clock;
    private volatile Set<String> revoked = Set.of();
    /** Closed here and not yet seen in a reload: a reload that read before the commit must not drop them. */
    private final Set<String> closedHere = ConcurrentHashMap.newKeySet();

    ClosedAccountRegistry(AccountDeletionRepository deletions, Clock clock) {
        this.deletions = deletions;
        this.clock = clock;
    }

    @Override
    public boolean refusesTokensOf(String userId) {
        return revoked.contains(userId) || closedHere.contains(userId);
    }

    /** Called once the deletion is committed. */
    void closedHere(String userId) {
        closedHere.add(userId);
    }

    @Override
    public void afterPropertiesSet() {
        reload();
    }

    /** Scheduled by {@link AccountDeletionScheduling}. */
    void reload() {
        Set<String> current = deletions.revokedAt(clock.instant());
        revoked = current;
        closedHere.removeIf(current::contains);
    }
}
