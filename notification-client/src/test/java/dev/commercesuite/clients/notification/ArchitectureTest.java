package dev.commercesuite.clients.notification;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

import dev.commercesuite.defaults.testing.LayerRules;

/** The typed REST interface stays package-private and is reached only through the bean that owns its fault tolerance. */
class ArchitectureTest {

    @Test
    void theRestInterfaceIsOnlyReachedThroughTheFaultTolerantClient() {
        JavaClasses classes = LayerRules.productionClasses("dev.commercesuite.clients.notification");
        LayerRules.restClientsAreWrapped().check(classes);
    }
}
