package dev.commercesuite.order;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.commercesuite.defaults.testing.LocalPostgres;
import dev.commercesuite.defaults.testing.PackagedServiceTests;
import dev.commercesuite.defaults.testing.TestKeys;

class OrderPackagedIT extends PackagedServiceTests {

    @Override
    protected Map<String, String> validEnvironment(Path dir) {
        TestKeys.Pair keys = TestKeys.write(dir);
        LocalPostgres.ensureDatabase("orders_test");
        return Map.ofEntries(
                Map.entry("QUARKUS_DATASOURCE_JDBC_URL", LocalPostgres.jdbcUrl("orders_test")),
                Map.entry("QUARKUS_DATASOURCE_USERNAME", LocalPostgres.user()),
                Map.entry("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKey().toString()),
                Map.entry("ORDER_IDENTITY_URL", "http://127.0.0.1:1"),
                Map.entry("SUITE_OUTBOX_NOTIFICATION_URL", "http://127.0.0.1:1"),
                Map.entry("SUITE_SERVICE_CLIENT_TOKEN_URL", "http://127.0.0.1:1/api/v1/auth/token"),
                Map.entry("SUITE_SERVICE_CLIENT_ID", "order-service"),
                Map.entry("SUITE_SERVICE_CLIENT_SECRET", "b7c1f0e2a9d84c55e3f6a1b2c3d4e5f60718293a4b5c6d7e"),
                Map.entry("STRIPE_SECRET_KEY", "sk_test_packaged_it_not_a_real_key"),
                Map.entry("STRIPE_PUBLISHABLE_KEY", "pk_test_packaged_it"),
                Map.entry("STRIPE_WEBHOOK_SECRET", "whsec_packaged_it_0123456789"));
    }

    @Override
    protected List<String> requiredSettings() {
        return List.of("quarkus.datasource.jdbc.url (QUARKUS_DATASOURCE_JDBC_URL)",
                "order.identity-url (ORDER_IDENTITY_URL)",
                "suite.outbox.notification-url (SUITE_OUTBOX_NOTIFICATION_URL)",
                "suite.service-client.token-url (SUITE_SERVICE_CLIENT_TOKEN_URL)",
                "suite.service-client.id (SUITE_SERVICE_CLIENT_ID)",
                "suite.service-client.secret (SUITE_SERVICE_CLIENT_SECRET)",
                "mp.jwt.verify.publickey.location (MP_JWT_VERIFY_PUBLICKEY_LOCATION)",
                "stripe.secret-key (STRIPE_SECRET_KEY)", "stripe.publishable-key (STRIPE_PUBLISHABLE_KEY)",
                "stripe.webhook-secret (STRIPE_WEBHOOK_SECRET)");
    }
}
