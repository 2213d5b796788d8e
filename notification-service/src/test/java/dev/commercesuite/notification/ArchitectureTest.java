package dev.commercesuite.notification;

import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.testing.LayerRules;

/** Dependencies point down the layers (see docs/architecture.md); this fails on any that points up. */
class ArchitectureTest {

    @Test
    void dependenciesPointDownTheLayers() {
        LayerRules.check("dev.commercesuite.notification");
    }
}
