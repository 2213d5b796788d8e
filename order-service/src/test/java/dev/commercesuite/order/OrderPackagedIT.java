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
        return Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", LocalPostgres.jdbcUrl("orders_test"),
                "QUARKUS_DATASOURCE_USERNAME", LocalPostgres.user(),
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKey().toString());
    }

    @Override
    protected List<String> requiredSettings() {
        return List.of("quarkus.datasource.jdbc.url (QUARKUS_DATASOURCE_JDBC_URL)",
                "mp.jwt.verify.publickey.location (MP_JWT_VERIFY_PUBLICKEY_LOCATION)");
    }
}
