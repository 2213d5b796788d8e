package dev.commercesuite.clients.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.testing.LayerRules;

/** The typed REST interface stays package-private and is reached only through the bean that owns its fault tolerance. */
class ArchitectureTest {

    @Test
    void theRestInterfaceIsOnlyReachedThroughTheFaultTolerantClient() {
        assertEquals(List.of(), LayerRules.violations("dev.commercesuite.clients.notification"));
    }
}
