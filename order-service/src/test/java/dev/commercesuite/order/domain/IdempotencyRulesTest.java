package dev.commercesuite.order.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The rules of an idempotency record and key, without a database. */
class IdempotencyRulesTest {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration TTL = Duration.ofHours(24);
    private static final byte[] REQUEST = {1, 2, 3};
    private static final byte[] OTHER_REQUEST = {1, 2, 4};
    private static final IdempotencyScope SCOPE = IdempotencyScope.user(UUID.randomUUID(), UUID.randomUUID());

    private static IdempotencyRecord running(Instant claimedAt) {
        IdempotencyRecord record = new IdempotencyRecord();
        record.claimAgain("POST /api/v1/orders", REQUEST, claimedAt, LEASE, TTL);
        return record;
    }

    @Test
    void runningClaimIsInUseUntilItsLeaseLapsesThenTakenOver() {
        IdempotencyRecord record = running(NOW);
        assertEquals(IdempotencyRecord.Verdict.IN_USE, record.judge(REQUEST, NOW.plusSeconds(29)));
        assertEquals(Duration.ofSeconds(20), record.retryAfter(NOW.plusSeconds(10)));
        assertEquals(Duration.ofSeconds(1), record.retryAfter(NOW.plusSeconds(30)), "never less than a second");
        assertEquals(IdempotencyRecord.Verdict.TAKE_OVER, record.judge(REQUEST, NOW.plusSeconds(30)));
    }

    @Test
    void finishedRequestIsReplayedAndAnotherRequestUnderItsKeyRefused() {
        IdempotencyRecord record = running(NOW);
        Instant claim = NOW.plus(LEASE);
        assertTrue(record.heldBy(claim));
        record.complete(new StoredResponse(201, "{}", "/api/v1/orders/1"));
        assertFalse(record.heldBy(claim), "a done record is no one's claim");
        assertEquals(IdempotencyRecord.Verdict.REPLAY, record.judge(REQUEST, NOW.plusSeconds(3600)));
        assertEquals(IdempotencyRecord.Verdict.REUSED, record.judge(OTHER_REQUEST, NOW.plusSeconds(3600)));
        assertEquals(new StoredResponse(201, "{}", "/api/v1/orders/1"), record.response());
        assertThrows(IllegalStateException.class, () -> record.complete(new StoredResponse(201, "{}", null)));
    }

    @Test
    void expiredRecordIsAsGoodAsNone() {
        IdempotencyRecord record = running(NOW);
        record.complete(new StoredResponse(409, "{}", null));
        assertEquals(IdempotencyRecord.Verdict.TAKE_OVER, record.judge(OTHER_REQUEST, NOW.plus(TTL)));
    }

    @Test
    void takeOverIsANewClaimThatTheOldWorkerNoLongerHolds() {
        IdempotencyRecord record = running(NOW);
        Instant oldClaim = NOW.plus(LEASE);
        Instant newClaim = record.claimAgain("POST /api/v1/orders", REQUEST, NOW.plusSeconds(31), LEASE, TTL);
        assertFalse(record.heldBy(oldClaim));
        assertTrue(record.heldBy(newClaim));
        assertThrows(IllegalStateException.class, record::response);
    }

    @Test
    void keysAreVisibleAsciiUpTo255Characters() {
        assertTrue(IdempotencyKey.parse(UUID.randomUUID().toString()).isPresent());
        assertTrue(IdempotencyKey.parse("x".repeat(255)).isPresent());
        assertFalse(IdempotencyKey.parse("x".repeat(256)).isPresent());
        assertFalse(IdempotencyKey.parse("").isPresent());
        assertFalse(IdempotencyKey.parse(null).isPresent());
        assertFalse(IdempotencyKey.parse("a b").isPresent());
        assertFalse(IdempotencyKey.parse("cl\u00e9").isPresent());
    }

    @Test
    void storedAnswerOpensOnlyWithItsKeyInItsScope() {
        IdempotencyKey key = IdempotencyKey.parse("key-1").orElseThrow();
        String sealed = key.seal("{\"accessToken\":\"secret\"}", SCOPE);
        assertFalse(sealed.contains("secret"));
        assertNotEquals(sealed, key.seal("{\"accessToken\":\"secret\"}", SCOPE), "a fresh nonce each time");
        assertEquals("{\"accessToken\":\"secret\"}", key.open(sealed, SCOPE));
        IdempotencyKey other = IdempotencyKey.parse("key-2").orElseThrow();
        assertThrows(IllegalStateException.class, () -> other.open(sealed, SCOPE));
        assertThrows(IllegalStateException.class,
                () -> key.open(sealed, IdempotencyScope.user(UUID.randomUUID(), UUID.randomUUID())));
        assertEquals(64, key.storedForm().length());
        assertFalse(key.toString().contains("key-1"), "a key never reaches a log line");
    }

    @Test
    void guestsAreScopedByTheirAddressWhateverItsCase() {
        UUID shop = UUID.randomUUID();
        assertEquals(IdempotencyScope.guest(shop, "Ada@Example.com"), IdempotencyScope.guest(shop, "ada@example.com"));
        assertFalse(IdempotencyScope.guest(shop, "ada@example.com").caller().contains("ada"));
    }
}
