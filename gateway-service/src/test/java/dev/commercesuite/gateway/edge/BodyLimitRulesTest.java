package dev.commercesuite.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.commercesuite.gateway.config.BodyLimitsConfig;
import io.quarkus.runtime.configuration.MemorySize;

/** The rules behind the per-route limits: smallest limit wins, nothing over the suite-wide ceiling, lengths parsed. */
class BodyLimitRulesTest {

    private static final long CEILING = 1024 * 1024;

    @Test
    void whereSeveralRulesMatchTheSmallestLimitApplies() {
        Map<String, BodyLimitsConfig.Rule> configured = new LinkedHashMap<>();
        configured.put("all-api", rule("/api/v1/.*", 512 * 1024));
        configured.put("login", rule("/api/v1/auth/login", 4 * 1024));
        configured.put("auth", rule("/api/v1/auth/.+", 16 * 1024));

        List<BodyLimit.Rule> rules = BodyLimit.rules(configured, CEILING, CEILING);

        assertEquals(List.of("login", "auth", "all-api"), rules.stream().map(BodyLimit.Rule::name).toList());
    }

    @Test
    void aLimitOverTheCeilingOrABrokenPatternStopsTheStartNamingTheRule() {
        IllegalArgumentException over = assertThrows(IllegalArgumentException.class,
                () -> BodyLimit.rules(Map.of("uploads", rule("/api/v1/uploads", 2 * CEILING)), CEILING, CEILING));
        assertTrue(over.getMessage().contains("gateway.body-limits.routes.uploads.limit"), over.getMessage());
        assertTrue(over.getMessage().contains("quarkus.http.limits.max-body-size"), over.getMessage());

        IllegalArgumentException broken = assertThrows(IllegalArgumentException.class,
                () -> BodyLimit.rules(Map.of("odd", rule("/api/(v1", 1024)), CEILING, CEILING));
        assertTrue(broken.getMessage().contains("gateway.body-limits.routes.odd.path"), broken.getMessage());

        assertThrows(IllegalArgumentException.class, () -> BodyLimit.rules(Map.of(), 2 * CEILING, CEILING));
    }

    @Test
    void onlyDigitsMakeALength() {
        assertEquals(0, BodyLimit.declaredLength("0"));
        assertEquals(16384, BodyLimit.declaredLength(" 16384 "));
        for (String bad : List.of("", "-1", "+1", "1e3", "12,13", "0x10", "9999999999999999999999")) {
            assertEquals(-1, BodyLimit.declaredLength(bad), bad);
        }
    }

    @Test
    void limitsAreDescribedInTheUnitsTheyWereConfiguredIn() {
        assertEquals("16 KiB", BodyLimit.describe(16 * 1024));
        assertEquals("1 MiB", BodyLimit.describe(CEILING));
        assertEquals("1000 bytes", BodyLimit.describe(1000));
    }

    private static BodyLimitsConfig.Rule rule(String path, long limit) {
        return new BodyLimitsConfig.Rule() {
            @Override
            public String path() {
                return path;
            }

            @Override
            public MemorySize limit() {
                return new MemorySize(java.math.BigInteger.valueOf(limit));
            }
        };
    }
}
