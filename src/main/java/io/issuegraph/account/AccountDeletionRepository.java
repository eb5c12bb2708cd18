package io.issuegraph.account;

import io.issuegraph.database.UtcDateTime;
import io.issuegraph.issue.OpenAccountCondition;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code account_deletions} table: the durable record of each closed account, and the work queue of
 * Identity deletions shared by every instance (claims are rows, not in-memory locks). An account is closed
 * for new issues once its deletion is recorded here: the condition issue's insert checks is this table's.
 */
@Repository
class AccountDeletionRepository implements OpenAccountCondition {

    private final JdbcClient jdbc;

    AccountDeletionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String sql(String userIdParameter) {
        return "NOT EXISTS (SELECT 1 FROM account_deletions WHERE user_id = :" + userIdParameter + ")";
    }

    /**
     * Records the deletion, for retriers from {@code firstRetry} on (the request itself tries first). A
     * second request keeps the first record (and takes its row lock).
     */
    void record(String userId, Instant now, Instant firstRetry) {
        jdbc.sql("""
                INSERT INTO account_deletions (user_id, requested_at, next_attempt_at)
                VALUES (:userId, :now, :firstRetry)
                ON DUPLICATE KEY UPDATE user_id = user_id""")
                .param("userId", userId)
                .param("now", UtcDateTime.toSql(now))
                .param("firstRetry", UtcDateTime.toSql(firstRetry))
                .update();
    }

    boolean isIdentityDeleted(String userId) {
        return jdbc.sql("SELECT identity_deleted_at IS NOT NULL FROM account_deletions WHERE user_id = :userId")
                .param("userId", userId)
                .query(Boolean.class).optional().orElse(false);
    }

    /**
     * Closed accounts whose tokens are not yet accepted by nobody: Identity user not yet gone (the value
     * {@code true}: pending), or gone too recently ({@code false}).
     */
    Map<String, Boolean> revokedAt(Instant now) {
        Map<String, Boolean> pendingByUser = new HashMap<>();
        jdbc.sql("""
                SELECT user_id, identity_deleted_at IS NULL FROM account_deletions
                WHERE revoke_tokens_until IS NULL OR revoke_tokens_until > :now""")
                .param("now", UtcDateTime.toSql(now))
                .query(row -> {
                    pendingByUser.put(row.getString(1), row.getBoolean(2));
                });
        return pendingByUser;
    }

    /**
     * Identity has no such user any more, whoever deleted it: the pending deletion is done. Only a
     * pending one; claims do not matter, since nothing is left to call GoTrue for.
     */
    void identityGoneAnyway(String userId, Instant now, Instant revokeTokensUntil) {
        jdbc.sql("""
                UPDATE account_deletions
                SET identity_deleted_at = :now, revoke_tokens_until = :revokeUntil, last_error = NULL,
                    claimed_by = NULL, claimed_until = NULL
                WHERE user_id = :userId AND identity_deleted_at IS NULL""")
                .param("now", UtcDateTime.toSql(now))
                .param("revokeUntil", UtcDateTime.toSql(revokeTokensUntil))
                .param("userId", userId)
                .update();
    }

    /** Pending Identity deletions whose next attempt is due and that no live instance holds. */
    List<String> due(Instant now, int limit) {
        return jdbc.sql("""
                SELECT user_id FROM account_deletions
                WHERE identity_deleted_at IS NULL AND next_attempt_at <= :now
                  AND (claimed_until IS NULL OR claimed_until < :now)
                ORDER BY next_attempt_at
                LIMIT :limit""")
                .param("now", UtcDateTime.toSql(now))
                .param("limit", limit)
                .query(String.class).list();
    }

    /**
     * Takes a pending deletion for one instance until {@code until}. The conditional update is atomic,
     * so of several instances exactly one gets it.
     */
    boolean claim(String userId, String instance, Instant now, Instant until) {
        return jdbc.sql("""
                UPDATE account_deletions SET claimed_by = :instance, claimed_until = :until
                WHERE user_id = :userId AND identity_deleted_at IS NULL
                  AND (claimed_until IS NULL OR claimed_until < :now)""")
                .param("instance", instance)
                .param("until", UtcDateTime.toSql(until))
                .param("userId", userId)
                .param("now", UtcDateTime.toSql(now))
                .update() == 1;
    }

    void identityDeleted(String userId, String instance, Instant now, Instant revokeTokensUntil) {
        jdbc.sql("""
                UPDATE account_deletions
                SET identity_deleted_at = :now, revoke_tokens_until = :revokeUntil, last_error = NULL,
                    claimed_by = NULL, claimed_until = NULL
                WHERE user_id = :userId AND claimed_by = :instance""")
                .param("now", UtcDateTime.toSql(now))
                .param("revokeUntil", UtcDateTime.toSql(revokeTokensUntil))
                .param("userId", userId)
                .param("instance", instance)
                .update();
    }

    void attemptFailed(String userId, String instance, Instant nextAttempt, String error) {
        jdbc.sql("""
                UPDATE account_deletions
                SET attempts = attempts + 1, next_attempt_at = :nextAttempt, last_error = :error,
                    claimed_by = NULL, claimed_until = NULL
                WHERE user_id = :userId AND claimed_by = :instance""")
                .param("nextAttempt", UtcDateTime.toSql(nextAttempt))
                .param("error", error.length() > 500 ? error.substring(0, 500) : error)
                .param("userId", userId)
                .param("instance", instance)
                .update();
    }

    int attempts(String userId) {
        return jdbc.sql("SELECT attempts FROM account_deletions WHERE user_id = :userId")
                .param("userId", userId).query(Integer.class).optional().orElse(0);
    }

    /** When the oldest pending Identity deletion was asked for. */
    Optional<Instant> oldestPendingRequestedAt() {
        List<LocalDateTime> oldest = jdbc.sql("SELECT MIN(requested_at) FROM account_deletions WHERE identity_deleted_at IS NULL")
                .query((row, n) -> row.getObject(1, LocalDateTime.class)).list();
        return oldest.stream().filter(Objects::nonNull).findFirst().map(utc -> UtcDateTime.fromSql(utc).toInstant());
    }

    long pendingCount() {
        return jdbc.sql("SELECT COUNT(*) FROM account_deletions WHERE identity_deleted_at IS NULL")
                .query(Long.class).single();
    }

    Optional<String> lastPendingError() {
        return jdbc.sql("""
                SELECT last_error FROM account_deletions
                WHERE identity_deleted_at IS NULL AND last_error IS NOT NULL
                ORDER BY next_attempt_at DESC LIMIT 1""")
                .query(String.class).optional();
    }
}
