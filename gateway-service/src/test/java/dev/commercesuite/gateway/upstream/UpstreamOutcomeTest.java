package dev.commercesuite.gateway.upstream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which answers of a service count against its circuit breaker. */
class UpstreamOutcomeTest {

    @Test
    void gatewayErrorsAndABare503CountButAServicesDeliberate503AndItsOtherAnswersDoNot() {
        assertTrue(UpstreamOutcome.unavailable(502, false));
        assertTrue(UpstreamOutcome.unavailable(504, true));
        assertTrue(UpstreamOutcome.unavailable(503, false));
        // order-service's "payment provider unavailable" or "too many orders in flight" says when to retry
        assertFalse(UpstreamOutcome.unavailable(503, true));
        assertFalse(UpstreamOutcome.unavailable(500, false));
        assertFalse(UpstreamOutcome.unavailable(429, true));
        assertFalse(UpstreamOutcome.unavailable(200, false));
    }
}
