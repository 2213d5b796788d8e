package dev.commercesuite.defaults.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LogMaskingTest {

    @Test
    void masksEveryAddressInAText() {
        assertEquals("550 5.1.1 <a***@example.com>: rejected; cc b***@shop.example.org",
                LogMasking.maskEmails("550 5.1.1 <ada.lovelace@example.com>: rejected; cc bob@shop.example.org"));
    }

    @Test
    void leavesOtherTextAlone() {
        assertEquals("Connection refused", LogMasking.maskEmails("Connection refused"));
        assertNull(LogMasking.maskEmails(null));
    }

    @Test
    void scrubRemovesCredentialsWhereverTheyAreQuoted() {
        assertEquals("Authorization: [redacted] [redacted]",
                LogMasking.scrub("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc-_x"));
        assertEquals("{\"email\":\"a***@example.com\",\"password\":\"[redacted]\"}",
                LogMasking.scrub("{\"email\":\"ada@example.com\",\"password\":\"p4ss \\\" word\"}"));
        assertEquals("GET /reset-password?token=[redacted]&lang=en",
                LogMasking.scrub("GET /reset-password?token=s3cr3t-Value&lang=en"));
        assertEquals("Stripe refused with key [redacted] and [redacted]",
                LogMasking.scrub("Stripe refused with key sk_test_not_a_real_key_42 and whsec_abc123XYZ"));
        assertEquals("Connection refused", LogMasking.scrub("Connection refused"));
        assertNull(LogMasking.scrub(null));
    }
}
