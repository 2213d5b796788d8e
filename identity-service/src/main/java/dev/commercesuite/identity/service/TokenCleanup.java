package dev.commercesuite.identity.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.defaults.locks.AdvisoryLocks;
import dev.commercesuite.identity.repository.OneTimeTokenRepository;
import dev.commercesuite.identity.repository.RefreshTokenRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Deletes identity's spent tokens: verification and reset tokens that expired or were used more than
 * {@link #KEEP} ago, refresh tokens that expired more than {@link #KEEP} ago. With several replicas one of them does
 * the work: the run holds a transaction-scoped advisory lock and the others skip.
 */
@ApplicationScoped
public class TokenCleanup {

    public static final Duration KEEP = Duration.ofDays(7);
    private static final long ADVISORY_LOCK = 0x1d3_c1ea;

    private final AdvisoryLocks locks;
    private final OneTimeTokenRepository oneTimeTokens;
    private final RefreshTokenRepository refreshTokens;
    private final Clock clock;

    public TokenCleanup(AdvisoryLocks locks, OneTimeTokenRepository oneTimeTokens,
            RefreshTokenRepository refreshTokens, Clock clock) {
        this.locks = locks;
        this.oneTimeTokens = oneTimeTokens;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
    }

    /** Runs the clean-up now; answers the rows deleted per table, or an empty map if another replica holds it. */
    public Map<String, Integer> run() {
        Instant cutoff = clock.instant().minus(KEEP);
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Integer> deleted = new LinkedHashMap<>();
            if (!locks.tryForTransaction(ADVISORY_LOCK)) {
                return deleted;
            }
            for (OneTimeTokenRepository.Kind kind : OneTimeTokenRepository.Kind.values()) {
                deleted.put(kind.table(), oneTimeTokens.deleteSpentBefore(kind, cutoff));
            }
            deleted.put("refresh_tokens", refreshTokens.deleteExpiredBefore(cutoff));
            return deleted;
        });
    }
}
