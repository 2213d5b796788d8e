package dev.commercesuite.identity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.testing.LocalPostgres;
import dev.commercesuite.defaults.testing.PackagedService;
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

    @Test
    void theSigningKeyMayBeGivenAsItsPemInsteadOfAFile() throws Exception {
        Map<String, String> environment = new HashMap<>(validEnvironment(dir));
        String pem = Files.readString(Path.of(environment.remove("SMALLRYE_JWT_SIGN_KEY_LOCATION")));
        environment.put("SMALLRYE_JWT_SIGN_KEY", pem);
        try (PackagedService service = PackagedService.start(environment)) {
            service.awaitOk("/q/health/ready", Duration.ofSeconds(60));
            String jwks = HttpClient.newHttpClient().send(HttpRequest.newBuilder(service.uri("/.well-known/jwks.json"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(jwks.contains("\"kid\":\"identity-1\""), jwks);
        }
    }

    @Override
    protected List<String> requiredSettings() {
        return List.of("quarkus.datasource.jdbc.url (QUARKUS_DATASOURCE_JDBC_URL)",
                "suite.outbox.notification-url (SUITE_OUTBOX_NOTIFICATION_URL)",
                "smallrye.jwt.sign.key.location (SMALLRYE_JWT_SIGN_KEY_LOCATION)",
                "mp.jwt.verify.publickey.location (MP_JWT_VERIFY_PUBLICKEY_LOCATION)");
    }
}
