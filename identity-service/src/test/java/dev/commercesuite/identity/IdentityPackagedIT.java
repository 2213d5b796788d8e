package dev.commercesuite.identity;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.commercesuite.defaults.testing.LocalPostgres;
import dev.commercesuite.defaults.testing.PackagedServiceTests;
import dev.commercesuite.defaults.testing.TestKeys;

class IdentityPackagedIT extends PackagedServiceTests {

    @Override
    protected Map<String, String> validEnvironment(Path dir) {
        TestKeys.Pair keys = TestKeys.write(dir);
        LocalPostgres.ensureDatabase("identity_test");
        return Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", LocalPostgres.jdbcUrl("identity_test"),
                "QUARKUS_DATASOURCE_USERNAME", LocalPostgres.user(),
                "SMALLRYE_JWT_SIGN_KEY_LOCATION", keys.privateKey().toString(),
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKey().toString(),
                "SUITE_OUTBOX_NOTIFICATION_URL", "http://127.0.0.1:1");
    }

    @Override
    protected List<String> requiredSettings() {
        return List.of("quarkus.datasource.jdbc.url (QUARKUS_DATASOURCE_JDBC_URL)",
                "suite.outbox.notification-url (SUITE_OUTBOX_NOTIFICATION_URL)",
                "smallrye.jwt.sign.key.location (SMALLRYE_JWT_SIGN_KEY_LOCATION)",
                "mp.jwt.verify.publickey.location (MP_JWT_VERIFY_PUBLICKEY_LOCATION)");
    }
}
