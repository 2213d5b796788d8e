package dev.commercesuite.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import dev.commercesuite.defaults.testing.LocalPostgres;
import dev.commercesuite.defaults.testing.PackagedService;
import dev.commercesuite.defaults.testing.TestKeys;

/**
 * The whole suite as production runs it, on this machine: the four packaged services (fast-jars) started with the
 * environment their READMEs document, each with its own database on the local PostgreSQL, a real SMTP server
 * (GreenMail) behind notification-service, Stripe's API played by WireMock ({@link StripeDouble}) behind
 * order-service, and the gateway in front. Started once per run and shared by the test classes ({@link SharedSuite});
 * only Stripe, a third party, is stubbed.
 */
final class RunningSuite implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    final GreenMail smtp;
    final StripeDouble stripe;
    final PackagedService identity;
    final PackagedService notification;
    final PackagedService order;
    final PackagedService gateway;
    private final List<PackagedService> services = new ArrayList<>();

    private RunningSuite(GreenMail smtp, StripeDouble stripe, PackagedService identity,
            PackagedService notification, PackagedService order, PackagedService gateway) {
        this.smtp = smtp;
        this.stripe = stripe;
        this.identity = identity;
        this.notification = notification;
        this.order = order;
        this.gateway = gateway;
        services.addAll(List.of(gateway, order, notification, identity));
    }

    static RunningSuite start() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path dir = Files.createTempDirectory("suite-e2e-");
        TestKeys.Pair keys = TestKeys.write(dir);
        String orderSecret = HexFormat.of().formatHex(random(32));
        for (String database : List.of("identity_e2e", "orders_e2e", "notifications_e2e")) {
            LocalPostgres.ensureDatabase(database);
        }
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        int smtpPort = smtp.getSmtp().getPort();
        StripeDouble stripe = StripeDouble.start();

        PackagedService notification = start(root, "notification-service", Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", LocalPostgres.jdbcUrl("notifications_e2e"),
                "QUARKUS_DATASOURCE_USERNAME", LocalPostgres.user(),
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKey().toString(),
                "QUARKUS_MAILER_HOST", "127.0.0.1",
                "QUARKUS_MAILER_PORT", Integer.toString(smtpPort),
                "SUITE_PUBLIC_URL", "http://localhost:8080"));
        PackagedService identity = start(root, "identity-service", Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", LocalPostgres.jdbcUrl("identity_e2e"),
                "QUARKUS_DATASOURCE_USERNAME", LocalPostgres.user(),
                "SMALLRYE_JWT_SIGN_KEY_LOCATION", keys.privateKey().toString(),
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKey().toString(),
                "SUITE_OUTBOX_NOTIFICATION_URL", "http://127.0.0.1:" + notification.port(),
                "IDENTITY_SERVICE_CLIENTS", "order-service:" + sha256Hex(orderSecret)));
        PackagedService order = start(root, "order-service", Map.ofEntries(
                Map.entry("QUARKUS_DATASOURCE_JDBC_URL", LocalPostgres.jdbcUrl("orders_e2e")),
                Map.entry("QUARKUS_DATASOURCE_USERNAME", LocalPostgres.user()),
                Map.entry("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKey().toString()),
                Map.entry("ORDER_IDENTITY_URL", "http://127.0.0.1:" + identity.port()),
                Map.entry("SUITE_OUTBOX_NOTIFICATION_URL", "http://127.0.0.1:" + notification.port()),
                Map.entry("SUITE_SERVICE_CLIENT_TOKEN_URL", "http://127.0.0.1:" + identity.port()
                        + "/api/v1/auth/token"),
                Map.entry("SUITE_SERVICE_CLIENT_ID", "order-service"),
                Map.entry("SUITE_SERVICE_CLIENT_SECRET", orderSecret),
                Map.entry("SUITE_PUBLIC_URL", "http://localhost:8080"),
                Map.entry("STRIPE_API_BASE", stripe.apiBase()),
                Map.entry("STRIPE_SECRET_KEY", StripeDouble.SECRET_KEY),
                Map.entry("STRIPE_PUBLISHABLE_KEY", StripeDouble.PUBLISHABLE_KEY),
                Map.entry("STRIPE_WEBHOOK_SECRET", stripe.webhookSecret())));
        PackagedService gateway = start(root, "gateway-service", Map.of(
                "GATEWAY_UPSTREAMS_IDENTITY", "http://127.0.0.1:" + identity.port(),
                "GATEWAY_UPSTREAMS_ORDER", "http://127.0.0.1:" + order.port(),
                "GATEWAY_UPSTREAMS_NOTIFICATION", "http://127.0.0.1:" + notification.port(),
                "GATEWAY_RATE_LIMIT_STORE", "memory"));
        RunningSuite suite = new RunningSuite(smtp, stripe, identity, notification, order, gateway);
        try {
            for (PackagedService service : suite.services) {
                service.awaitOk("/q/health/ready", START_TIMEOUT);
            }
        } catch (RuntimeException | AssertionError e) {
            String logs = suite.logs();
            suite.close();
            throw new AssertionError("the suite did not become ready:\n" + logs, e);
        }
        return suite;
    }

    private static PackagedService start(Path root, String module, Map<String, String> environment) {
        Map<String, String> withLogs = new java.util.HashMap<>(environment);
        withLogs.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        withLogs.put("QUARKUS_SHUTDOWN_DELAY", "0S");
        return PackagedService.start(root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar"), withLogs);
    }

    /** Every service's output so far, for a failing test's message. */
    String logs() {
        StringBuilder logs = new StringBuilder();
        for (PackagedService service : services) {
            logs.append("----- port ").append(service.port()).append('\n').append(service.output()).append('\n');
        }
        return logs.toString();
    }

    @Override
    public void close() {
        for (PackagedService service : services) {
            service.close();
        }
        stripe.close();
        smtp.stop();
    }

    private static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return value;
    }

    private static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
