package dev.commercesuite.order;

import static dev.commercesuite.order.OrderFixtures.place;
import static dev.commercesuite.order.OrderFixtures.slug;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.testing.CapturedEmails;
import dev.commercesuite.defaults.testing.MovableClock;
import dev.commercesuite.order.repository.IdempotencyRecordRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The Idempotency-Key life cycle beyond the plain replay: a claim still running, a claim whose worker died, a failure
 * that must not be kept, expiry and the clean-up's delete.
 */
@QuarkusTest
class IdempotencyTest {

    @Inject
    DataSource dataSource;

    @Inject
    MovableClock clock;

    @Inject
    IdempotencyRecordRepository records;

    OrderFixtures db;
    String slug;
    UUID shop;
    UUID product;
    String email;

    @BeforeEach
    void setUp() throws Exception {
        CapturedEmails.accepting();
        db = new OrderFixtures(dataSource);
        slug = slug("idem");
        shop = IdentityStub.activeShop(slug, "pro");
        product = db.product(shop, 300, null);
        email = "idem-" + slug + "@example.com";
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** The body with its keys sorted and no spaces: its canonical form is itself. */
    private String canonicalBody() {
        return "{\"email\":\"" + email + "\",\"items\":[{\"productId\":\"" + product + "\",\"quantity\":1}],"
                + "\"name\":\"Idem\",\"tenant\":\"" + slug + "\"}";
    }

    /** A claim as the first request would have left it: running until {@code lockedUntil}. */
    private void claimed(String key, Instant lockedUntil) throws Exception {
        db.execute("INSERT INTO idempotency_records (tenant_id, caller, idempotency_key, operation, fingerprint,"
                + " state, created_at, locked_until, expires_at) VALUES (?, ?, ?, 'POST /api/v1/orders', ?,"
                + " 'running', ?, ?, ?)", shop, "guest:" + hex(email.toLowerCase(Locale.ROOT)), hex(key),
                sha256("POST /api/v1/orders\n" + canonicalBody()), Instant.now(), lockedUntil,
                Instant.now().plus(Duration.ofDays(1)));
    }

    @Test
    void repeatWhileTheFirstRequestRunsIsAskedToRetryLater() throws Exception {
        String key = UUID.randomUUID().toString();
        claimed(key, Instant.now().plusSeconds(20));

        place(canonicalBody(), null, key).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://commercesuite.dev/problems/idempotency-key-in-use"))
                .header("Retry-After", org.hamcrest.Matchers.anyOf(equalTo("19"), equalTo("20")));
        assertEquals(0, db.ordersOf(shop));
    }

    @Test
    void claimWhoseWorkerDiedIsTakenOverOnceItsLeaseLapsed() throws Exception {
        String key = UUID.randomUUID().toString();
        claimed(key, Instant.now().minusSeconds(1));

        Response taken = place(canonicalBody(), null, key);

        taken.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        place(canonicalBody(), null, key).then().statusCode(201).header("Idempotent-Replayed", equalTo("true"))
                .body("id", equalTo(taken.path("id")));
        assertEquals(1, db.ordersOf(shop));
        assertEquals("done", db.single("SELECT state FROM idempotency_records WHERE tenant_id = ?", shop));
    }

    @Test
    void unexpectedFailureReleasesTheKeySoARetryRuns() throws Exception {
        String key = UUID.randomUUID().toString();
        // the database refuses this buyer's orders for a while: a failure that is no answer to keep
        db.execute("CREATE OR REPLACE FUNCTION refuse_test_order() RETURNS trigger AS $$ BEGIN"
                + " IF NEW.email = '" + email + "' THEN RAISE EXCEPTION 'test outage'; END IF; RETURN NEW; END $$"
                + " LANGUAGE plpgsql");
        db.execute("CREATE TRIGGER refuse_test_order BEFORE INSERT ON orders FOR EACH ROW"
                + " EXECUTE FUNCTION refuse_test_order()");
        try {
            place(canonicalBody(), null, key).then().statusCode(500).contentType("application/problem+json");
            assertEquals(0, db.count("SELECT count(*) FROM idempotency_records WHERE tenant_id = ?", shop));
        } finally {
            db.execute("DROP TRIGGER refuse_test_order ON orders");
            db.execute("DROP FUNCTION refuse_test_order()");
        }
        place(canonicalBody(), null, key).then().statusCode(201).header("Idempotent-Replayed", nullValue());
        assertEquals(1, db.ordersOf(shop));
        assertEquals(0, db.count("SELECT count(*) FROM order_numbers WHERE tenant_id = ? AND last_number <> 1001",
                shop), "the failed attempt's number was given back");
    }

    @Test
    void expiredAnswerIsForgottenAndTheCleanUpDeletesOnlyExpiredRecords() throws Exception {
        String key = UUID.randomUUID().toString();
        place(canonicalBody(), null, key).then().statusCode(201);
        String other = UUID.randomUUID().toString();

        clock.advance(Duration.ofHours(24).plusSeconds(1));
        place(canonicalBody(), null, key).then().statusCode(201).header("Idempotent-Replayed", nullValue())
                .body("orderNumber", equalTo(1002));
        clock.reset();
        place(canonicalBody(), null, other).then().statusCode(201).body("orderNumber", equalTo(1003));
        assertEquals(2, db.count("SELECT count(*) FROM idempotency_records WHERE tenant_id = ?", shop));

        // the first key's record was claimed again a day ahead, so it expires two days from now
        Instant later = Instant.now().plus(Duration.ofHours(48)).plusSeconds(30);
        db.execute("UPDATE idempotency_records SET expires_at = ? WHERE tenant_id = ? AND idempotency_key = ?",
                Instant.now().minusSeconds(1), shop, hex(other));
        int deleted = QuarkusTransaction.requiringNew().call(() -> records.deleteExpired(Instant.now(), 1000));
        assertEquals(1, db.count("SELECT count(*) FROM idempotency_records WHERE tenant_id = ?", shop));
        assertEquals(1, db.count("SELECT count(*) FROM idempotency_records WHERE tenant_id = ? AND"
                + " idempotency_key = ?", shop, hex(key)));
        assertEquals(true, deleted >= 1);
        QuarkusTransaction.requiringNew().call(() -> records.deleteExpired(later, 1000));
        assertEquals(0, db.count("SELECT count(*) FROM idempotency_records WHERE tenant_id = ?", shop));
    }

    private static String hex(String value) throws Exception {
        return HexFormat.of().formatHex(sha256(value));
    }

    private static byte[] sha256(String value) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    }
}
