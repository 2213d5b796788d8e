package dev.commercesuite.notification;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.commercesuite.defaults.testing.LocalPostgres;
import dev.commercesuite.defaults.testing.PackagedServiceTests;
import dev.commercesuite.defaults.testing.TestKeys;

class NotificationPackagedIT extends PackagedServiceTests {

    @Override
    protected Map<String, String> validEnvironment(Path dir) {
        LocalPostgres.ensureDatabase("notifications_test");
        return Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", LocalPostgres.jdbcUrl("notifications_test"),
                "QUARKUS_DATASOURCE_USERNAME", LocalPostgres.user(),
                "QUARKUS_MAILER_HOST", "127.0.0.1",
                "SUITE_PUBLIC_URL", "https://shop.example.test",
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", TestKeys.write(dir).publicKey().toString());
    }

    @Override
    protected List<String> requiredSettings() {
        return List.of("quarkus.datasource.jdbc.url (QUARKUS_DATASOURCE_JDBC_URL)",
                "quarkus.mailer.host (QUARKUS_MAILER_HOST)",
                "suite.public-url (SUITE_PUBLIC_URL)",
                "mp.jwt.verify.publickey.location (MP_JWT_VERIFY_PUBLICKEY_LOCATION)");
    }
}
