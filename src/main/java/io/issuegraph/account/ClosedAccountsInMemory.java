package io.issuegraph.account;

import io.issuegraph.identity.ClosedAccounts;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Which accounts' tokens are refused, kept in memory so that authenticating a request costs no database
 * round trip. Every instance reloads it from {@code account_deletions} every revocation refresh
 * interval (a second by default, so a deletion made on another instance is honoured within about a
 * second); a deletion made here counts at once.
 */
@Component
class ClosedAccountsInMemory implements ClosedAccounts, InitializingBean {

    private final AccountDeletionRepository deletions;
    private final IdentityUserDeleter identityUsers;
    private final Clock clock;
    /** Closed accounts whose tokens are refused; {@code true} while their Identity user still exists. */
    private volatile Map<String, Boolean> revoked = Map.of();
    /**
     * Closed here (and whether their Identity user is still pending) and not yet seen so in a reload: a
     * reload that read before the commit must not undo what this instance knows.
     */
    private final Map<String, Boolean> closedHere = new ConcurrentHashMap<>();

    ClosedAccountsInMemory(AccountDeletionRepository deletions, IdentityUserDeleter identityUsers, Clock clock) {
        this.deletions = deletions;
        this.identityUsers = identityUsers;
        this.clock = clock;
    }

    @Override
    public Standing standingOf(String userId) {
        Boolean pending = closedHere.getOrDefault(userId, revoked.get(userId));
        if (pending == null) {
            return Standing.OPEN;
        }
        return pending ? Standing.CLOSING : Standing.CLOSED;
    }

    @Override
    public void identityUserGone(String userId) {
        if (standingOf(userId) == Standing.CLOSING) {
            identityUsers.confirmGone(userId);
            identityGoneHere(userId);
        }
    }

    /** Called once the deletion is committed. */
    void closedHere(String userId) {
        closedHere.put(userId, true);
    }

    /** Called once this instance has recorded that the Identity user is gone. */
    void identityGoneHere(String userId) {
        closedHere.put(userId, false);
    }

    @Override
    public void afterPropertiesSet() {
        reload();
    }

    /** Scheduled by {@link AccountDeletionScheduling}. */
    void reload() {
        Map<String, Boolean> current = deletions.revokedAt(clock.instant());
        revoked = current;
        // Dropped once the table says as much: it is closed, and gone if this instance saw it gone.
        closedHere.entrySet().removeIf(here -> current.containsKey(here.getKey())
                && (here.getValue() || !current.get(here.getKey())));
    }
}
