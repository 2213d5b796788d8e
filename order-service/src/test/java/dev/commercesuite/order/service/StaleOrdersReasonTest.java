package dev.commercesuite.order.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** How the stale-order job's cancellation reason says how long the shop waited for payment. */
class StaleOrdersReasonTest {

    @Test
    void theWaitIsSaidInTheLargestWholeUnit() {
        assertEquals("24 hours", StaleOrders.readable(Duration.ofHours(24)));
        assertEquals("36 hours", StaleOrders.readable(Duration.ofHours(36)));
        assertEquals("3 days", StaleOrders.readable(Duration.ofDays(3)));
        assertEquals("1 hour", StaleOrders.readable(Duration.ofHours(1)));
        assertEquals("90 minutes", StaleOrders.readable(Duration.ofMinutes(90)));
        assertEquals("1 minute", StaleOrders.readable(Duration.ofSeconds(30)));
    }
}
