package dev.commercesuite.defaults.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.inject.Inject;

/** The rules themselves, on hand-made configurations; the services' StartupConfigIT prove the wiring end to end. */
@QuarkusTest
class StartupConfigCheckTest {

    private static final String STRONG = "k3J9xQ2mV8pL5nR7tY1wZ4cB6dF0gH2j";

    @TempDir
    Path dir;

    @Inject
    Instance<StartupConfigRule> noRules;

    @Test
    void completeConfigurationHasNoProblems() throws IOException {
        Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        List<String> problems = check(Map.of("db.url", "jdbc:postgresql://db/x", "jwt.key", key.toString(),
                "client.secret", STRONG));
        assertEquals(List.of(), problems);
    }

    @Test
    void everyProblemIsListedTogether() {
        List<String> problems = check(Map.of("client.secret", "changeme"));
        assertEquals(3, problems.size(), problems.toString());
        assertEquals("db.url (DB_URL) is not set", problems.get(0));
        assertTrue(problems.get(1).startsWith("jwt.key (JWT_KEY) is not set"), problems.get(1));
        assertEquals("client.secret (CLIENT_SECRET) is a weak secret: it is shorter than 32 characters",
                problems.get(2));
    }

    @Test
    void blankValuesCountAsMissing() {
        List<String> problems = check(Map.of("db.url", "   ", "jwt.key", "https://id/.well-known/jwks.json",
                "client.secret", STRONG));
        assertEquals(List.of("db.url (DB_URL) is not set"), problems);
    }

    @Test
    void keyFileMustExistAndHoldPem() throws IOException {
        Path notPem = Files.writeString(dir.resolve("notes.txt"), "just text");
        List<String> missing = check(Map.of("db.url", "x", "jwt.key", dir.resolve("nope.pem").toString(),
                "client.secret", STRONG));
        assertTrue(missing.get(0).contains("does not exist or cannot be read"), missing.toString());
        List<String> wrong = check(Map.of("db.url", "x", "jwt.key", "file:" + notPem, "client.secret", STRONG));
        assertTrue(wrong.get(0).contains("holds no PEM key"), wrong.toString());
    }

    @Test
    void weakSecretsAreNamedWithTheReason() {
        assertEquals(Optional.of("repeats too few distinct characters to be random"),
                SecretStrength.weakness("a".repeat(40)));
        assertEquals(Optional.of("contains the placeholder word 'changeme'"),
                SecretStrength.weakness("changeme-changeme-changeme-1234567890"));
        assertEquals(Optional.empty(), SecretStrength.weakness(STRONG));
    }

    @Test
    void reportListsEveryProblemOnItsOwnLine() {
        String report = StartupConfigCheck.report("identity-service", List.of("a is not set", "b is weak"));
        assertEquals("""
                identity-service cannot start: 2 configuration problems (see the configuration reference in README.md)
                  - a is not set
                  - b is weak""", report.replace(System.lineSeparator(), "\n"));
    }

    @Test
    void aLocationKeyMayBeReplacedByItsSiblingHoldingThePemItself() {
        String pem = "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n";
        assertEquals(List.of(), check(Map.of("db.url", "x", "sign.key", pem, "client.secret", STRONG),
                "sign.key.location"));
        assertEquals(List.of("sign.key (SIGN_KEY) holds no PEM key"),
                check(Map.of("db.url", "x", "sign.key", "not a key", "client.secret", STRONG), "sign.key.location"));
        assertEquals(List.of("sign.key.location (SIGN_KEY_LOCATION) is not set: it must name a PEM key file"
                + " (or sign.key (SIGN_KEY) must hold the PEM key itself)"),
                check(Map.of("db.url", "x", "client.secret", STRONG), "sign.key.location"));
    }

    private List<String> check(Map<String, String> values) {
        return check(values, "jwt.key");
    }

    private List<String> check(Map<String, String> values, String keyName) {
        Config config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(new HashMap<>(values), "test", 100))
                .build();
        StartupChecksConfig checks = new StartupChecksConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public Optional<List<String>> required() {
                return Optional.of(List.of("db.url"));
            }

            @Override
            public Optional<List<String>> keys() {
                return Optional.of(List.of(keyName));
            }

            @Override
            public Optional<List<String>> secrets() {
                return Optional.of(List.of("client.secret"));
            }
        };
        return new StartupConfigCheck(checks, config, noRules).problems();
    }
}
