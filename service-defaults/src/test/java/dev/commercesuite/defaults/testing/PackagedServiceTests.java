package dev.commercesuite.defaults.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service (fast-jar, or the native binary under {@code -Pnative}) in the prod profile: it refuses an
 * incomplete or unsafe configuration with one message that lists every problem, and on SIGTERM it reports not
 * ready, keeps answering during the shutdown delay, then exits by itself.
 */
public abstract class PackagedServiceTests {

    @TempDir
    protected Path dir;

    /** A complete, valid production environment for this service. */
    protected abstract Map<String, String> validEnvironment(Path dir);

    /** The settings whose absence must be reported when the environment is empty, as "key (ENV_NAME)". */
    protected abstract List<String> requiredSettings();

    /**
     * The production environment whose start-up must be quiet: {@link #validEnvironment} on a new, empty database
     * (leftover rows of other tests would give the outbox or email worker something to retry). A service whose test
     * environment is valid but deliberately warned about (Stripe test keys) overrides it.
     */
    protected Map<String, String> quietEnvironment(Path dir) {
        Map<String, String> environment = new HashMap<>(validEnvironment(dir));
        String url = environment.get("QUARKUS_DATASOURCE_JDBC_URL");
        if (url != null) {
            String database = url.substring(url.lastIndexOf('/') + 1) + "_quiet";
            LocalPostgres.recreateDatabase(database);
            environment.put("QUARKUS_DATASOURCE_JDBC_URL", LocalPostgres.jdbcUrl(database));
        }
        return environment;
    }

    /**
     * Start-up logs nothing at WARN or above and sends Sentry nothing: every event is something to act on. After
     * readiness the service is stopped, and Sentry's shutdown flushes what was queued, so whatever start-up logged
     * has reached the capture server before the events are read.
     */
    @Test
    void startsWithoutAWarningAndSendsSentryNothing() {
        Map<String, String> environment = new HashMap<>(quietEnvironment(dir));
        environment.put("QUARKUS_SHUTDOWN_DELAY", "0S");
        try (SentryCapture sentry = SentryCapture.start()) {
            environment.put("SENTRY_DSN", sentry.dsn());
            try (PackagedService service = PackagedService.start(environment)) {
                service.awaitOk("/q/health/ready", Duration.ofSeconds(60));
                service.terminate();
                service.awaitExit(Duration.ofSeconds(40));
                String output = service.output();
                assertTrue(output.contains("Sentry connected to"),
                        "the Sentry handler was not on:\n" + output);
                assertFalse(output.contains("\"level\":\"WARN\"") || output.contains("\"level\":\"ERROR\""),
                        output);
                assertEquals(List.of(), sentry.events().stream().map(SentryCapture::summary).toList());
            }
        }
    }

    @Test
    void refusesToStartWithoutRequiredConfigurationAndListsEveryProblem() {
        try (PackagedService service = PackagedService.start(Map.of())) {
            int exit = service.awaitExit(Duration.ofSeconds(60));
            String output = service.output();
            assertNotEquals(0, exit, output);
            assertTrue(output.contains("cannot start: " + requiredSettings().size() + " configuration problem"),
                    output);
            for (String setting : requiredSettings()) {
                assertTrue(output.contains("  - " + setting), setting + " missing from:\n" + output);
            }
            assertFalse(output.contains("\tat "), "a stack trace was printed:\n" + output);
        }
    }

    @Test
    void refusesAWeakSecret() {
        Map<String, String> environment = new HashMap<>(validEnvironment(dir));
        environment.put("SUITE_STARTUP_CHECKS_SECRETS", "suite.probe-secret");
        environment.put("SUITE_PROBE_SECRET", "changeme");
        try (PackagedService service = PackagedService.start(environment)) {
            int exit = service.awaitExit(Duration.ofSeconds(60));
            String output = service.output();
            assertNotEquals(0, exit, output);
            assertTrue(output.contains("  - suite.probe-secret (SUITE_PROBE_SECRET) is a weak secret"), output);
        }
    }

    @Test
    void refusesAWeakServiceClientSecret() {
        Map<String, String> environment = new HashMap<>(validEnvironment(dir));
        environment.put("SUITE_SERVICE_CLIENT_TOKEN_URL", "http://127.0.0.1:1/api/v1/auth/token");
        environment.put("SUITE_SERVICE_CLIENT_ID", "some-service");
        environment.put("SUITE_SERVICE_CLIENT_SECRET", "password1234");
        try (PackagedService service = PackagedService.start(environment)) {
            int exit = service.awaitExit(Duration.ofSeconds(60));
            String output = service.output();
            assertNotEquals(0, exit, output);
            assertTrue(output.contains("  - suite.service-client.secret (SUITE_SERVICE_CLIENT_SECRET) is a weak secret"),
                    output);
        }
    }

    @Test
    void shutsDownGracefullyOnSigterm() {
        Map<String, String> environment = new HashMap<>(validEnvironment(dir));
        environment.put("QUARKUS_SHUTDOWN_DELAY", "3S");
        try (PackagedService service = PackagedService.start(environment)) {
            service.awaitOk("/q/health/ready", Duration.ofSeconds(60));
            service.terminate();
            Awaitility.await("readiness DOWN after SIGTERM")
                    .atMost(Duration.ofSeconds(3))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> service.status("/q/health/ready") == 503);
            // during the delay the service still serves the requests that reach it
            assertEquals(200, service.status("/q/health/live"));
            int exit = service.awaitExit(Duration.ofSeconds(40));
            String output = service.output();
            assertTrue(exit == 0 || exit == 143, "exit " + exit + "\n" + output);
            assertTrue(output.contains("stopped in"), output);
            assertFalse(output.contains("\"level\":\"ERROR\""), output);
        }
    }
}
