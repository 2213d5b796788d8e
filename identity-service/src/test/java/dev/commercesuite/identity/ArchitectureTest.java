package dev.commercesuite.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.testing.LayerRules;

/** Dependencies point down the layers (see docs/architecture.md); this fails on any that points up. */
class ArchitectureTest {

    @Test
    void dependenciesPointDownTheLayers() {
        assertEquals(List.of(), LayerRules.violations("dev.commercesuite.identity"));
    }
}
