package dev.commercesuite.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;

/**
 * order-service's Stripe webhook against its floor. The service runs from its packaged jar (prod profile) on a fresh
 * database, with identity-service (token endpoint, the shop's name for the email) and notification-service's intake
 * replaced by a local HTTP stub that its outbox relay delivers the emails to; Stripe's API base points at a closed port
 * (a webhook makes no Stripe call). The floor ({@link WebhookFloor}) is a plain JDK HTTP server in its own JVM doing
 * the same signature check and the same SQL per event over plain JDBC, on the same database.
 * <ul>
 * <li>Orders: each side gets its own shop with {@code WARMUP + N} orders seeded by SQL as checkout leaves them
 * ({@code awaiting_payment}, a PaymentIntent id, 3 lines, a timeline of 2 entries), so every event pays a different
 * order and nothing waits on another event's lock.</li>
 * <li>Load: {@value #DEFAULT_CLIENTS} clients (BENCH_CLIENTS) in closed loops over HTTP/1.1 keep-alive, each sending
 * the next order's {@code payment_intent.succeeded} (a Stripe-shaped event of about 2.3 KB, a new event id each, the
 * order's amount, currency and metadata), signed when sent: {@code t=<now>,v1=hex(HMAC-SHA256(secret, t.body))}.
 * Every answer must be 200 with outcome {@code paid}.</li>
 * <li>After the warm-ups, floor and service take turns for {@code ROUNDS} rounds of {@code N / ROUNDS} events each
 * and each side's rounds are pooled. After each of the service's rounds the bench waits until its outbox relay has
 * handed every email to the stub, so the relay's backlog never runs during the floor's turn (the wait is reported,
 * not counted).</li>
 * </ul>
 * Afterwards every seeded order is checked: paid, one paid timeline entry, one new access token, one audit entry, one
 * outbox email, one Stripe event recorded as paid; and the service's emails all delivered.
 * Usage: {@code WebhookBench JAVA SERVICE_JAR PG_HOST PG_PORT N WARMUP ROUNDS}
 */
public final class WebhookBench {

    private static final String DATABASE = "webhook_bench";
    private static final int DEFAULT_CLIENTS = 8;
    private static final int CLIENTS = Integer.parseInt(System.getenv().getOrDefault("BENCH_CLIENTS",
            String.valueOf(DEFAULT_CLIENTS)));
    /** The floor's handler threads and JDBC connections. */
    private static final int FLOOR_POOL = Integer.parseInt(System.getenv().getOrDefault("BENCH_FLOOR_POOL", "8"));
    /** Plain JDBC warms up quickly: the floor's warm-up is at most this many events. */
    private static final int FLOOR_WARMUP = 10_000;
    private static final long ORDER_TOTAL = 8000;
    private static final String SUCCEEDED = "payment_intent.succeeded";
    /**
     * SUITE_OUTBOX_ENABLED=false turns the service's relay off, to see the webhook's own cost: the emails are still
     * written, only not delivered (and not waited for).
     */
    private static final boolean RELAY = !"false".equalsIgnoreCase(System.getenv("SUITE_OUTBOX_ENABLED"));

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final SecureRandom random = new SecureRandom();
    private final String secret = "whsec_" + HexFormat.of().formatHex(randomBytes(24));

    /** One seeded order awaiting payment, and what its PaymentIntent says. */
    private record Target(UUID orderId, UUID tenantId, long orderNumber, String intentId, long amount,
            String currency) {
    }

    /** CPU time (ns) used so far by the service's JVM, the floor's JVM, PostgreSQL's processes and this JVM. */
    private record Cpu(long service, long floor, long postgres, long bench) {

        Cpu minus(Cpu before) {
            return new Cpu(service - before.service, floor - before.floor, postgres - before.postgres,
                    bench - before.bench);
        }

        Cpu plus(Cpu other) {
            return new Cpu(service + other.service, floor + other.floor, postgres + other.postgres,
                    bench + other.bench);
        }
    }

    public static void main(String[] args) throws Exception {
        new WebhookBench().run(args[0], Path.of(args[1]), args[2], args[3], Integer.parseInt(args[4]),
                Integer.parseInt(args[5]), Integer.parseInt(args[6]));
        System.exit(0);
    }

    private void run(String java, Path jar, String pgHost, String pgPort, int n, int warmup, int rounds)
            throws Exception {
        String jdbc = "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + DATABASE;
        BenchSupport.recreateDatabase("jdbc:postgresql://" + pgHost + ":" + pgPort + "/postgres", DATABASE);
        UUID serviceShop = UUID.randomUUID();
        UUID floorShop = UUID.randomUUID();
        String slug = "bench-" + HexFormat.of().formatHex(randomBytes(3));
        AtomicLong emails = new AtomicLong();
        HttpServer stub = BenchSupport.suiteStub(serviceShop, slug, emails);
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        int port = BenchSupport.freePort();
        int floorPort = BenchSupport.freePort();
        String stubUrl = "http://127.0.0.1:" + stub.getAddress().getPort();
        Path log = Files.createTempFile("webhook-bench-", ".log");
        Path floorLog = Files.createTempFile("webhook-floor-", ".log");
        List<String> settings = new ArrayList<>(List.of("QUARKUS_HTTP_PORT=" + port,
                "QUARKUS_DATASOURCE_JDBC_URL=" + jdbc, "QUARKUS_DATASOURCE_USERNAME=postgres",
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION=" + BenchSupport.pem(keys.getPublic(), "PUBLIC KEY"),
                "ORDER_IDENTITY_URL=" + stubUrl, "SUITE_OUTBOX_NOTIFICATION_URL=" + stubUrl,
                "SUITE_SERVICE_CLIENT_TOKEN_URL=" + stubUrl + "/api/v1/auth/token",
                "SUITE_SERVICE_CLIENT_ID=order-service",
                "SUITE_SERVICE_CLIENT_SECRET=" + HexFormat.of().formatHex(randomBytes(24)),
                "SUITE_PUBLIC_URL=https://shop.example.test",
                "QUARKUS_LOG_CONSOLE_JSON_ENABLED=false"));
        // a webhook makes no Stripe call: the API base is a closed port
        settings.addAll(BenchSupport.stripeSettings(secret));
        Process service = BenchSupport.start(java, jar, settings, log, "ORDER_", "QUARKUS_", "SUITE_OUTBOX_");
        Process floor = startFloor(java, floorPort, jdbc, floorLog);
        try {
            BenchSupport.awaitReady(port);
            awaitFloor(floorPort);
            int floorWarmup = Math.min(warmup, FLOOR_WARMUP);
            long seedStart = System.nanoTime();
            try (Connection connection = DriverManager.getConnection(jdbc, "postgres", null)) {
                seed(connection, serviceShop, "s", warmup + n);
                seed(connection, floorShop, "f", floorWarmup + n);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("VACUUM ANALYZE");
                    statement.execute("CHECKPOINT");
                }
            }
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
            List<Target> serviceTargets = targets(jdbc, serviceShop);
            List<Target> floorTargets = targets(jdbc, floorShop);
            URI serviceUri = URI.create("http://127.0.0.1:" + port + "/api/v1/webhooks/stripe");
            URI floorUri = URI.create("http://127.0.0.1:" + floorPort + "/api/v1/webhooks/stripe");

            System.out.printf("%s; %d cores; order-service jar; %d clients; N = %d events a side in %d rounds;"
                    + " warm-up %d events (floor %d); floor: %d threads and JDBC connections%n%n",
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), CLIENTS, n,
                    rounds, warmup, floorWarmup, FLOOR_POOL);
            System.out.printf("Seeded %d + %d orders awaiting payment (3 lines, 2 timeline entries each) in %.1f s.%n",
                    warmup + n, floorWarmup + n, seedSeconds);

            Run floorWarm = drive(floorUri, floorTargets.subList(0, floorWarmup));
            Run serviceWarm = drive(serviceUri, serviceTargets.subList(0, warmup));
            double warmDrain = awaitOutboxDrained(jdbc);
            System.out.printf("Warm-ups: floor %d events in %.1f s (%.0f/s), service %d events in %.1f s (%.0f/s),"
                    + " then %.1f s until the service's relay had delivered their emails.%n%n", floorWarm.completed(),
                    floorWarm.seconds(), floorWarm.perSecond(), serviceWarm.completed(), serviceWarm.seconds(),
                    serviceWarm.perSecond(), warmDrain);

            // to the console, not the Markdown: where a profile of the service's JVM should start
            System.err.printf("Measured rounds start at %s%n", Instant.now());
            Optional<ProcessHandle> postgres = postgres(jdbc, pgHost);
            List<Run> floorRuns = new ArrayList<>();
            List<Run> serviceRuns = new ArrayList<>();
            List<Double> drains = new ArrayList<>();
            List<String> loads = new ArrayList<>();
            Cpu floorCpu = new Cpu(0, 0, 0, 0);
            Cpu serviceCpu = new Cpu(0, 0, 0, 0);
            for (int round = 0; round < rounds; round++) {
                int from = round * n / rounds;
                int to = (round + 1) * n / rounds;
                loads.add(loadAverage());
                Cpu before = cpu(service, floor, postgres);
                floorRuns.add(drive(floorUri, floorTargets.subList(floorWarmup + from, floorWarmup + to)));
                Cpu between = cpu(service, floor, postgres);
                serviceRuns.add(drive(serviceUri, serviceTargets.subList(warmup + from, warmup + to)));
                drains.add(awaitOutboxDrained(jdbc));
                Cpu after = cpu(service, floor, postgres);
                floorCpu = floorCpu.plus(between.minus(before));
                // the service's round and its relay's tail: the whole cost of its events
                serviceCpu = serviceCpu.plus(after.minus(between));
            }
            Run best = Run.pooled(floorRuns);
            Run measured = Run.pooled(serviceRuns);

            Map<String, Long> serviceRows = rows(jdbc, serviceShop);
            Map<String, Long> floorRows = rows(jdbc, floorShop);
            long blocked;
            try (var lines = Files.lines(log)) {
                blocked = lines.filter(line -> line.contains("has been blocked for")).count();
            }

            System.out.printf("| measure | service | floor (JDK HTTP server, plain JDBC, same SQL) | ratio | target |%n"
                    + "|---|---:|---:|---:|---|%n");
            System.out.printf("| events per second (paid orders) | %.1f | %.1f | %.2f | >= 0.5 |%n",
                    measured.perSecond(), best.perSecond(), measured.perSecond() / best.perSecond());
            System.out.printf("| latency p50 (ms) | %.1f | %.1f | | |%n", measured.percentile(0.50),
                    best.percentile(0.50));
            System.out.printf("| latency p99 (ms) | %.1f | %.1f | | |%n", measured.percentile(0.99),
                    best.percentile(0.99));
            System.out.printf("| latency max (ms) | %.1f | %.1f | | |%n", measured.percentile(1.0),
                    best.percentile(1.0));
            StringBuilder perRound = new StringBuilder();
            StringBuilder drainPerRound = new StringBuilder();
            for (int round = 0; round < rounds; round++) {
                perRound.append(round == 0 ? "" : ", ").append(String.format("%.1f / %.1f",
                        serviceRuns.get(round).perSecond(), floorRuns.get(round).perSecond()));
                drainPerRound.append(round == 0 ? "" : ", ").append(String.format("%.1f", drains.get(round)));
            }
            System.out.printf("%nEvents per second by round, service / floor: %s. After each service round its"
                    + " relay needed %s s more to hand the round's emails to the stub. Load average (1, 5, 15 min) at"
                    + " each round's start: %s.%n", perRound, drainPerRound, String.join("; ", loads));
            if (RELAY) {
                double withTail = measured.seconds() + drains.stream().mapToDouble(Double::doubleValue).sum();
                System.out.printf("%nCounting the relay's tail too (each round until its last email reached the stub):"
                        + " %.1f events (and emails) per second, %.2f of the floor's events per second, which has no"
                        + " relay.%n", n / withTail, n / withTail / best.perSecond());
            }
            System.out.printf("%n| CPU per event (ms), measured rounds | service's turns (incl. its relay's tail) |"
                    + " floor's turns |%n|---|---:|---:|%n");
            System.out.printf("| the service's JVM | %.2f | %.2f |%n", serviceCpu.service() / 1e6 / n,
                    floorCpu.service() / 1e6 / n);
            System.out.printf("| the floor's JVM | %.2f | %.2f |%n", serviceCpu.floor() / 1e6 / n,
                    floorCpu.floor() / 1e6 / n);
            System.out.printf("| PostgreSQL (all its processes) | %s | %s |%n", postgres.isPresent()
                    ? String.format("%.2f", serviceCpu.postgres() / 1e6 / n) : "n/a", postgres.isPresent()
                    ? String.format("%.2f", floorCpu.postgres() / 1e6 / n) : "n/a");
            System.out.printf("| the load generator and the stubs (this JVM) | %.2f | %.2f |%n",
                    serviceCpu.bench() / 1e6 / n, floorCpu.bench() / 1e6 / n);

            long serviceSent = warmup + n;
            long floorSent = floorWarmup + n;
            System.out.printf("%n| rows after the run (warm-ups included) | service's shop | floor's shop |%n"
                    + "|---|---:|---:|%n");
            System.out.printf("| events answered 200 `paid` | %d | %d |%n", serviceSent, floorSent);
            for (String check : serviceRows.keySet()) {
                System.out.printf("| %s | %d | %d |%n", check, serviceRows.get(check), floorRows.get(check));
            }
            System.out.printf("| emails received by the notification stub | %d | (not delivered: not due) |%n",
                    emails.get());
            List<String> problems = new ArrayList<>();
            check(problems, "service", serviceRows, serviceSent);
            check(problems, "floor", floorRows, floorSent);
            if (RELAY && serviceRows.get("outbox emails delivered (status sent)") != serviceSent) {
                problems.add("service: not every outbox email was delivered");
            }
            if (RELAY && emails.get() < serviceSent) {
                problems.add("service: the stub received " + emails.get() + " emails for " + serviceSent
                        + " paid orders");
            }
            System.out.printf("%nCorrectness: %s. Blocked-thread warnings in the service log: %d.%n",
                    problems.isEmpty() ? "every event paid exactly its order, with one timeline entry, access"
                            + " token, audit entry, outbox email and recorded Stripe event each (service and floor)"
                            + (RELAY ? ", and every service email reached the stub" : "; the service's relay was off"
                            + " (SUITE_OUTBOX_ENABLED=false), so its emails were written, not delivered")
                            : "FAILED: " + String.join("; ", problems),
                    blocked);
            if (!problems.isEmpty()) {
                System.exit(1);
            }
        } finally {
            service.destroy();
            floor.destroy();
            service.waitFor();
            floor.waitFor();
            stub.stop(0);
        }
    }

    /**
     * Seeds {@code count} orders of {@code shop} as checkout leaves them: awaiting payment with a PaymentIntent id,
     * 3 lines adding up to the total, and a timeline of placed and checked out. One statement per table.
     */
    private static void seed(Connection connection, UUID shop, String tag, int count) throws Exception {
        try (PreparedStatement orders = connection.prepareStatement("INSERT INTO orders (id, tenant_id, order_number,"
                + " customer_id, email, name, status, currency, subtotal, total, access_token_hash, tracking_url,"
                + " version, created_at, updated_at, payment_intent_id, awaiting_payment_since)"
                + " SELECT gen_random_uuid(), ?, 1000 + i, NULL, 'buyer' || i || '@bench.example', 'Buyer ' || i,"
                + " 'awaiting_payment', 'EUR', ?, ?, sha256(convert_to(? || i, 'UTF8')), NULL, 1,"
                + " now() - interval '2 minutes', now() - interval '1 minute', 'pi_bench_' || ? || '_' || i,"
                + " now() - interval '1 minute' FROM generate_series(1, ?) i")) {
            orders.setObject(1, shop);
            orders.setLong(2, ORDER_TOTAL);
            orders.setLong(3, ORDER_TOTAL);
            orders.setString(4, "access-token-" + tag);
            orders.setString(5, tag);
            orders.setInt(6, count);
            orders.executeUpdate();
        }
        try (PreparedStatement lines = connection.prepareStatement("INSERT INTO order_items (id, order_id, line_no,"
                + " product_id, sku, name, quantity, unit_price, line_total) SELECT gen_random_uuid(), o.id, l,"
                + " (ARRAY[?::uuid, ?::uuid, ?::uuid])[l], 'SKU-' || l, 'Product ' || l, l, 1000 + 250 * (l - 1),"
                + " (1000 + 250 * (l - 1)) * l FROM orders o CROSS JOIN generate_series(1, 3) l"
                + " WHERE o.tenant_id = ?")) {
            for (int product = 1; product <= 3; product++) {
                lines.setObject(product, UUID.randomUUID());
            }
            lines.setObject(4, shop);
            lines.executeUpdate();
        }
        try (PreparedStatement timeline = connection.prepareStatement("INSERT INTO order_events (id, order_id,"
                + " status, at, actor, note, tracking_url) SELECT gen_random_uuid(), o.id, s.status,"
                + " o.created_at + s.after, 'guest', NULL, NULL FROM orders o CROSS JOIN (VALUES ('pending',"
                + " interval '0'), ('awaiting_payment', interval '1 minute')) s(status, after)"
                + " WHERE o.tenant_id = ?")) {
            timeline.setObject(1, shop);
            timeline.executeUpdate();
        }
    }

    private static List<Target> targets(String jdbc, UUID shop) throws Exception {
        List<Target> targets = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbc, "postgres", null);
                PreparedStatement query = connection.prepareStatement("SELECT id, order_number, payment_intent_id,"
                        + " total, currency FROM orders WHERE tenant_id = ? ORDER BY order_number")) {
            query.setObject(1, shop);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    targets.add(new Target(rows.getObject(1, UUID.class), shop, rows.getLong(2), rows.getString(3),
                            rows.getLong(4), rows.getString(5)));
                }
            }
        }
        return targets;
    }

    /** Sends each target's event once, {@link #CLIENTS} at a time; every answer must be 200 {@code paid}. */
    private Run drive(URI uri, List<Target> targets) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<double[]> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Thread> clients = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < CLIENTS; t++) {
            clients.add(Thread.ofPlatform().start(() -> {
                double[] own = new double[targets.size()];
                int count = 0;
                try {
                    for (int i = next.getAndIncrement(); i < targets.size() && failures.isEmpty();
                            i = next.getAndIncrement()) {
                        String body = event(targets.get(i));
                        long began = System.nanoTime();
                        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/json; charset=utf-8")
                                .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
                                .header("Stripe-Signature", sign(body))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        own[count++] = (System.nanoTime() - began) / 1e6;
                        if (answer.statusCode() != 200 || !answer.body().contains("\"outcome\":\"paid\"")) {
                            throw new IllegalStateException(uri + " answered " + answer.statusCode() + ": "
                                    + answer.body());
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    latencies.add(Arrays.copyOf(own, count));
                }
            }));
        }
        for (Thread client : clients) {
            client.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a client failed", failures.get(0));
        }
        double[] all = latencies.stream().flatMapToDouble(Arrays::stream).toArray();
        return new Run(targets.size() / elapsed, all, targets.size(), elapsed);
    }

    /**
     * {@code payment_intent.succeeded} for {@code target}'s PaymentIntent, shaped and indented like Stripe's own
     * deliveries (API version 2026-07-29), with a new event id.
     */
    private String event(Target target) {
        long now = Instant.now().getEpochSecond();
        String suffix = HexFormat.of().formatHex(randomBytes(12));
        return """
                {
                  "id": "evt_bench%s",
                  "object": "event",
                  "api_version": "2026-07-29.dahlia",
                  "created": %d,
                  "data": {
                    "object": {
                      "id": "%s",
                      "object": "payment_intent",
                      "amount": %d,
                      "amount_capturable": 0,
                      "amount_details": {
                        "tip": {}
                      },
                      "amount_received": %d,
                      "application": null,
                      "application_fee_amount": null,
                      "automatic_payment_methods": {
                        "allow_redirects": "always",
                        "enabled": true
                      },
                      "canceled_at": null,
                      "cancellation_reason": null,
                      "capture_method": "automatic_async",
                      "client_secret": "%s_secret_bench%s",
                      "confirmation_method": "automatic",
                      "created": %d,
                      "currency": "%s",
                      "customer": null,
                      "description": null,
                      "last_payment_error": null,
                      "latest_charge": "ch_bench%s",
                      "livemode": false,
                      "metadata": {
                        "orderId": "%s",
                        "orderNumber": "%d",
                        "tenantId": "%s"
                      },
                      "next_action": null,
                      "on_behalf_of": null,
                      "payment_method": "pm_bench%s",
                      "payment_method_configuration_details": {
                        "id": "pmc_bench0000000000000000",
                        "parent": null
                      },
                      "payment_method_options": {
                        "card": {
                          "installments": null,
                          "mandate_options": null,
                          "network": null,
                          "request_three_d_secure": "automatic"
                        },
                        "link": {
                          "persistent_token": null
                        }
                      },
                      "payment_method_types": [
                        "card",
                        "link"
                      ],
                      "processing": null,
                      "receipt_email": null,
                      "review": null,
                      "setup_future_usage": null,
                      "shipping": null,
                      "source": null,
                      "statement_descriptor": null,
                      "statement_descriptor_suffix": null,
                      "status": "succeeded",
                      "transfer_data": null,
                      "transfer_group": null
                    }
                  },
                  "livemode": false,
                  "pending_webhooks": 1,
                  "request": {
                    "id": "req_bench%s",
                    "idempotency_key": "order-%s-checkout"
                  },
                  "type": "%s"
                }
                """.formatted(suffix, now, target.intentId(), target.amount(), target.amount(), target.intentId(),
                suffix, now - 60, target.currency().toLowerCase(Locale.ROOT), suffix, target.orderId(),
                target.orderNumber(), target.tenantId(), suffix, suffix, target.orderId(), SUCCEEDED);
    }

    /** The {@code Stripe-Signature} Stripe sends now for {@code body}. */
    private String sign(String body) throws GeneralSecurityException {
        long at = Instant.now().getEpochSecond();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "t=" + at + ",v1=" + HexFormat.of().formatHex(mac.doFinal((at + "." + body)
                .getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Waits until the service's relay has delivered every due email (the floor's are not due); answers the seconds
     * waited.
     */
    private static double awaitOutboxDrained(String jdbc) throws Exception {
        if (!RELAY) {
            return 0;
        }
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(5).toNanos();
        try (Connection connection = DriverManager.getConnection(jdbc, "postgres", null);
                PreparedStatement pending = connection.prepareStatement("SELECT count(*) FROM outbox WHERE status IN"
                        + " ('pending', 'sending') AND next_attempt_at < now() + interval '1 hour'")) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = pending.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) == 0) {
                        return (System.nanoTime() - start) / 1e9;
                    }
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the service's outbox did not drain within 5 minutes");
    }

    /** What the events left in {@code shop}'s rows, by check. */
    private static Map<String, Long> rows(String jdbc, UUID shop) throws Exception {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("orders seeded", "SELECT count(*) FROM orders WHERE tenant_id = ?");
        queries.put("orders paid (status paid, paid_at set)", "SELECT count(*) FROM orders WHERE tenant_id = ?"
                + " AND status = 'paid' AND paid_at IS NOT NULL");
        queries.put("orders with exactly one `paid` timeline entry", "SELECT count(*) FROM (SELECT o.id FROM orders o"
                + " JOIN order_events e ON e.order_id = o.id AND e.status = 'paid' WHERE o.tenant_id = ?"
                + " GROUP BY o.id HAVING count(*) = 1) x");
        queries.put("new access tokens", "SELECT count(*) FROM order_access_tokens t JOIN orders o"
                + " ON o.id = t.order_id WHERE o.tenant_id = ?");
        queries.put("audit entries `order-status-changed`", "SELECT count(*) FROM audit_events WHERE tenant_id = ?"
                + " AND action = 'order-status-changed' AND metadata ->> 'to' = 'paid'");
        queries.put("outbox `order-status-update` emails", "SELECT count(*) FROM outbox WHERE payload::jsonb"
                + " ->> 'tenantId' = ?::text AND payload::jsonb ->> 'template' = 'order-status-update'");
        queries.put("distinct orders among those emails", "SELECT count(DISTINCT payload::jsonb -> 'data'"
                + " ->> 'orderId') FROM outbox WHERE payload::jsonb ->> 'tenantId' = ?::text"
                + " AND payload::jsonb ->> 'template' = 'order-status-update'");
        queries.put("outbox emails delivered (status sent)", "SELECT count(*) FROM outbox WHERE payload::jsonb"
                + " ->> 'tenantId' = ?::text AND status = 'sent'");
        queries.put("Stripe events recorded `paid` with the order", "SELECT count(*) FROM stripe_events s"
                + " JOIN orders o ON o.id = s.order_id WHERE o.tenant_id = ? AND s.outcome = 'paid'");
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbc, "postgres", null)) {
            for (Map.Entry<String, String> query : queries.entrySet()) {
                try (PreparedStatement statement = connection.prepareStatement(query.getValue())) {
                    statement.setObject(1, shop);
                    try (ResultSet result = statement.executeQuery()) {
                        result.next();
                        counts.put(query.getKey(), result.getLong(1));
                    }
                }
            }
        }
        return counts;
    }

    /** Every count but the delivered one must equal the events sent (all seeded orders received one). */
    private static void check(List<String> problems, String side, Map<String, Long> rows, long sent) {
        rows.forEach((check, count) -> {
            if (!check.startsWith("outbox emails delivered") && count != sent) {
                problems.add(side + ": " + check + " = " + count + ", expected " + sent);
            }
        });
    }

    private static Cpu cpu(Process service, Process floor, Optional<ProcessHandle> postgres) {
        long database = postgres.map(postmaster -> cpuOf(postmaster) + postmaster.children()
                .mapToLong(WebhookBench::cpuOf).sum()).orElse(0L);
        return new Cpu(cpuOf(service.toHandle()), cpuOf(floor.toHandle()), database,
                cpuOf(ProcessHandle.current()));
    }

    private static long cpuOf(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** PostgreSQL's postmaster when it runs on this machine (its backends are its children), to count their CPU. */
    private static Optional<ProcessHandle> postgres(String jdbc, String host) throws Exception {
        if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
            return Optional.empty();
        }
        long backend;
        try (Connection connection = DriverManager.getConnection(jdbc, "postgres", null);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            backend = row.getLong(1);
        }
        return ProcessHandle.of(backend).flatMap(ProcessHandle::parent)
                .filter(parent -> parent.info().command().orElse("").contains("postgres"));
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }

    private Process startFloor(String java, int floorPort, String jdbc, Path floorLog) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                WebhookFloor.class.getName(), String.valueOf(floorPort), jdbc, secret, String.valueOf(FLOOR_POOL));
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(floorLog.toFile()));
        return builder.start();
    }

    private void awaitFloor(int floorPort) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + floorPort + "/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the floor did not start");
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }
}
