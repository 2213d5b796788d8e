package dev.commercesuite.identity;

import static dev.commercesuite.identity.Shops.PASSWORD;
import static dev.commercesuite.identity.Shops.login;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.commercesuite.identity.Shops.Shop;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/** Logins are counted by outcome and lockouts as they start, each series present before its first event. */
@QuarkusTest
class LoginMetricsTest {

    private static final List<String> OUTCOMES = List.of("success", "unverified", "wrong-password",
            "unknown-account", "locked", "suspended");

    @Inject
    MeterRegistry registry;

    @Inject
    DataSource dataSource;

    @Test
    void everyLoginOutcomeAndEveryLockoutMovesItsCounter() throws Exception {
        Sql sql = new Sql(dataSource);
        CapturedEmails emails = CapturedEmails.accepting();
        Shop shop = Shops.create();
        Map<String, Double> before = logins();
        double lockoutsBefore = registry.get("identity.lockouts").counter().count();

        login(shop.slug(), "nobody-" + shop.admin(), PASSWORD).then().statusCode(401);
        login(shop.slug(), shop.admin(), PASSWORD).then().statusCode(403);
        Shops.verify(emails, shop.admin());
        login(shop.slug(), shop.admin(), PASSWORD).then().statusCode(200);
        sql.execute("UPDATE tenants SET status = 'suspended' WHERE id = ?::uuid", shop.id());
        login(shop.slug(), shop.admin(), PASSWORD).then().statusCode(401);
        sql.execute("UPDATE tenants SET status = 'active' WHERE id = ?::uuid", shop.id());
        for (int i = 0; i < 5; i++) {
            login(shop.slug(), shop.admin(), PASSWORD + "x").then().statusCode(401);
        }
        login(shop.slug(), shop.admin(), PASSWORD).then().statusCode(401);

        Map<String, Double> moved = new LinkedHashMap<>();
        logins().forEach((outcome, count) -> moved.put(outcome, count - before.get(outcome)));
        assertEquals(Map.of("success", 1.0, "unverified", 1.0, "wrong-password", 5.0, "unknown-account", 1.0,
                "locked", 1.0, "suspended", 1.0), moved);
        assertEquals(1.0, registry.get("identity.lockouts").counter().count() - lockoutsBefore);
    }

    /** Every outcome's count; each series exists whether or not it ever happened. */
    private Map<String, Double> logins() {
        Map<String, Double> counts = new LinkedHashMap<>();
        for (String outcome : OUTCOMES) {
            counts.put(outcome, registry.get("identity.logins").tag("outcome", outcome).counter().count());
        }
        return counts;
    }
}
