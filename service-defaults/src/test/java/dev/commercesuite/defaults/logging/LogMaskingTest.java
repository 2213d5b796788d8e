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
}
