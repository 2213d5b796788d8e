package dev.commercesuite.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.commercesuite.identity.Shops.Shop;
import dev.commercesuite.identity.job.TokenCleanupJob;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/** The daily clean-up deletes what is over a week past its use or expiry, and nothing else. */
@QuarkusTest
class TokenCleanupJobTest {

    @Inject
    DataSource dataSource;

    @Inject
    TokenCleanupJob job;

    @Inject
    MeterRegistry meters;

    private Sql sql;
    private String userId;

    @BeforeEach
    void user() throws Exception {
        sql = new Sql(dataSource);
        CapturedEmails emails = CapturedEmails.accepting();
        Shop shop = Shops.create();
        emails.await(shop.admin(), "verify-email");
        userId = sql.single("SELECT id::text FROM users WHERE email = ?", shop.admin());
    }

    @Test
    void deletesTokensAWeekPastUseOrExpiryAndKeepsTheRest() throws Exception {
        insertToken("email_verification_tokens", "old-expired", "now() - interval '8 days'", null);
        insertToken("email_verification_tokens", "old-used", "now() + interval '1 day'", "now() - interval '8 days'");
        insertToken("email_verification_tokens", "recently-expired", "now() - interval '6 days'", null);
        insertToken("password_reset_tokens", "old-expired", "now() - interval '8 days'", null);
        insertToken("password_reset_tokens", "live", "now() + interval '1 hour'", null);
        sql.execute("INSERT INTO refresh_tokens (token_sha256, family_id, user_id, expires_at, created_at) VALUES"
                + " (sha256(?::bytea), gen_random_uuid(), ?::uuid, now() - interval '8 days', now() - interval '38 days'),"
                + " (sha256(?::bytea), gen_random_uuid(), ?::uuid, now() + interval '29 days', now())",
                "refresh-old-" + userId, userId, "refresh-live-" + userId, userId);
        double before = meters.counter("identity.cleanup.deleted", "table", "email_verification_tokens").count();

        Map<String, Integer> deleted = job.run();

        assertEquals(0, tokens("email_verification_tokens", "old-expired"));
        assertEquals(0, tokens("email_verification_tokens", "old-used"));
        assertEquals(1, tokens("email_verification_tokens", "recently-expired"));
        assertEquals(0, tokens("password_reset_tokens", "old-expired"));
        assertEquals(1, tokens("password_reset_tokens", "live"));
        assertEquals(0, sql.count("SELECT count(*) FROM refresh_tokens WHERE token_sha256 = sha256(?::bytea)",
                "refresh-old-" + userId));
        assertEquals(1, sql.count("SELECT count(*) FROM refresh_tokens WHERE token_sha256 = sha256(?::bytea)",
                "refresh-live-" + userId));
        assertEquals(deleted.get("email_verification_tokens"),
                (int) (meters.counter("identity.cleanup.deleted", "table", "email_verification_tokens").count() - before));
        assertEquals(true, deleted.get("email_verification_tokens") >= 2);
        // a second run finds nothing more of this test's rows
        job.run();
        assertEquals(1, tokens("email_verification_tokens", "recently-expired"));
    }

    private void insertToken(String table, String name, String expiresAt, String usedAt) throws Exception {
        sql.execute("INSERT INTO " + table + " (token_sha256, user_id, expires_at, used_at, created_at) VALUES"
                + " (sha256(?::bytea), ?::uuid, " + expiresAt + ", " + (usedAt == null ? "NULL" : usedAt)
                + ", now() - interval '9 days')", name + userId, userId);
    }

    private long tokens(String table, String name) throws Exception {
        return sql.count("SELECT count(*) FROM " + table + " WHERE token_sha256 = sha256(?::bytea)", name + userId);
    }
}
