package dev.commercesuite.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import dev.commercesuite.defaults.testing.LocalPostgres;
import dev.commercesuite.defaults.testing.PackagedService;
import dev.commercesuite.defaults.testing.RedisOutage;
import dev.commercesuite.defaults.testing.TestKeys;

/**
 * The whole suite as production runs it, on this machine: the four packaged services (fast-jars) started with the
 * environment their READMEs document, each with its own database on the local PostgreSQL, a real SMTP server
 * (GreenMail) behind notification-service, Stripe's API played by WireMock ({@link StripeDouble}) behind
 * order-service, and the gateway in front. Started once per run and shared by the test classes ({@link SharedSuite});
 * only Stripe, a third party, is stubbed.
 *
 * <p>{@link #start()} runs one of each; {@link #startReplicated} runs two of each on the same PostgreSQL and Redis, as
 * {@code ./suite up --replicas 2} does: two gateways whose upstream lists name both replicas of every service, replica
 * k of identity and order calling replica k of the services they need.
 */
final class RunningSuite implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /**
     * What every process gets when eight JVMs run at once on a build machine's two cores: the JIT's first tier only
     * (as {@code ./suite up} runs them; start-up is mostly compiling), database connections allowed to take longer
     * to open than production's 3 s while the machine is saturated, and short outbox back-offs.
     */
    private static final Map<String, String> CROWDED_START = Map.of(
            "JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
            "QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "20S",
            "QUARKUS_DATASOURCE_JDBC_LOGIN_TIMEOUT", "20S",
            // an outbox attempt that fails on a saturated machine is retried within the tests' waits (production
            // backs off from 5 s up to an hour); a retry is deduplicated by the receiver like any other
            "SUITE_OUTBOX_BASE_BACKOFF", "500MS",
            "SUITE_OUTBOX_MAX_BACKOFF", "2S");

    final GreenMail smtp;
    final StripeDouble stripe;
    /** Replica 1 of each service (the only one unless started replicated). */
    final PackagedService identity;
    final PackagedService notification;
    final PackagedService order;
    final PackagedService gateway;
    /** Every replica of each service, replica 1 first. */
    final List<PackagedService> identities;
    final List<PackagedService> notifications;
    final List<PackagedService> orders;
    final List<PackagedService> gateways;
    private final List<PackagedService> services = new ArrayList<>();

    private RunningSuite(GreenMail smtp, StripeDouble stripe, List<PackagedService> identities,
            List<PackagedService> notifications, List<PackagedService> orders, List<PackagedService> gateways) {
        this.smtp = smtp;
        this.stripe = stripe;
        this.identities = List.copyOf(identities);
        this.notifications = List.copyOf(notifications);
        this.orders = List.copyOf(orders);
        this.gateways = List.copyOf(gateways);
        this.identity = identities.get(0);
        this.notification = notifications.get(0);
        this.order = orders.get(0);
        this.gateway = gateways.get(0);
        services.addAll(gateways);
        services.addAll(orders);
        services.addAll(notifications);
        services.addAll(identities);
    }

    /** One of each service, on the {@code *_e2e} databases; the gateway keeps its rate limits in memory. */
    static RunningSuite start() throws IOException {
        return start(1, "e2e", Map.of("GATEWAY_RATE_LIMIT_STORE", "memory"), Map.of());
    }

    /**
     * Two of each service on the {@code *_scale} databases and one Redis ({@code SUITE_REDIS_HOST}/{@code _PORT}),
     * where both gateways keep their rate limits (waiting up to 2 s for each check). {@code gateway} and {@code order} are added to those replicas'
     * environments (a test's trusted proxies, a fast job schedule).
     */
    static RunningSuite startReplicated(Map<String, String> gateway, Map<String, String> order) throws IOException {
        Map<String, String> gateways = new HashMap<>(gateway);
        gateways.put("GATEWAY_RATE_LIMIT_STORE", "redis");
        gateways.put("QUARKUS_REDIS_HOSTS", "redis://" + RedisOutage.host() + ":" + RedisOutage.port());
        // a check Redis answers late is decided by the replica alone (the gateway's own tests show that fallback);
        // on a saturated build machine 50 ms is often late, and the shared count is what is under test here
        gateways.put("GATEWAY_RATE_LIMIT_REDIS_TIMEOUT", "2S");
        return start(2, "scale", gateways, order);
    }

    private static RunningSuite start(int replicas, String databases, Map<String, String> gatewaySettings,
            Map<String, String> orderSettings) throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path dir = Files.createTempDirectory("suite-e2e-");
        TestKeys.Pair keys = TestKeys.write(dir);
        String orderSecret = HexFormat.of().formatHex(random(32));
        String identityDb = "identity_" + databases;
        String ordersDb = "orders_" + databases;
        String notificationsDb = "notifications_" + databases;
        for (String database : List.of(identityDb, ordersDb, notificationsDb)) {
            LocalPostgres.ensureDatabase(database);
        }
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        int smtpPort = smtp.getSmtp().getPort();
        StripeDouble stripe = StripeDouble.start();

        // every process starts at once; each knows the ports of those it calls before they listen
        List<PackagedService> notifications = new ArrayList<>();
        List<PackagedService> identities = new ArrayList<>();
        List<PackagedService> orders = new ArrayList<>();
        for (int replica = 0; replica < replicas; replica++) {
            PackagedService notification = start(root, "notification-service", replicas, Map.of(
                    "QUARKUS_DATASOURCE_JDBC_URL", LocalPostgres.jdbcUrl(notificationsDb),
                    "QUARKUS_DATASOURCE_USERNAME", LocalPostgres.user(),
                    "MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKey().toString(),
                    "QUARKUS_MAILER_HOST", "127.0.0.1",
                    "QUARKUS_MAILER_PORT", Integer.toString(smtpPort),
                    "SUITE_PUBLIC_URL", "http://localhost:8080"));
            PackagedService identity = start(root, "identity-service", replicas, Map.of(
                    "QUARKUS_DATASOURCE_JDBC_URL", LocalPostgres.jdbcUrl(identityDb),
                    "QUARKUS_DATASOURCE_USERNAME", LocalPostgres.user(),
                    "SMALLRYE_JWT_SIGN_KEY_LOCATION", keys.privateKey().toString(),
                    "MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKey().toString(),
                    "SUITE_OUTBOX_NOTIFICATION_URL", "http://127.0.0.1:" + notification.port(),
                    "IDENTITY_SERVICE_CLIENTS", "order-service:" + sha256Hex(orderSecret)));
            Map<String, String> orderEnvironment = new HashMap<>(orderSettings);
            orderEnvironment.putAll(Map.ofEntries(
                    Map.entry("QUARKUS_DATASOURCE_JDBC_URL", LocalPostgres.jdbcUrl(ordersDb)),
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
            notifications.add(notification);
            identities.add(identity);
            orders.add(start(root, "order-service", replicas, orderEnvironment));
        }
        Map<String, String> gatewayEnvironment = new HashMap<>(gatewaySettings);
        gatewayEnvironment.putAll(Map.of(
                "GATEWAY_UPSTREAMS_IDENTITY", baseUrls(identities),
                "GATEWAY_UPSTREAMS_ORDER", baseUrls(orders),
                "GATEWAY_UPSTREAMS_NOTIFICATION", baseUrls(notifications)));
        List<PackagedService> gateways = new ArrayList<>();
        for (int replica = 0; replica < replicas; replica++) {
            gateways.add(start(root, "gateway-service", replicas, gatewayEnvironment));
        }
        RunningSuite suite = new RunningSuite(smtp, stripe, identities, notifications, orders, gateways);
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

    /** The replicas' base URLs as a gateway upstream list: comma-separated. */
    private static String baseUrls(List<PackagedService> replicas) {
        return String.join(",", replicas.stream().map(replica -> "http://127.0.0.1:" + replica.port()).toList());
    }

    private static PackagedService start(Path root, String module, int replicas, Map<String, String> environment) {
        Map<String, String> withLogs = new HashMap<>(environment);
        if (replicas > 1) {
            withLogs.putAll(CROWDED_START);
        }
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
