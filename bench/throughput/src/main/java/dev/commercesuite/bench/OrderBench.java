package dev.commercesuite.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;

/**
 * order-service's order creation against its floor. The service runs from its packaged jar on a fresh database, with
 * identity-service (token endpoint and shop lookup) and notification-service's intake replaced by a local HTTP stub.
 * <ul>
 * <li>Service: {@value #CLIENTS} clients in closed loops, each placing guest orders of 3 lines (the same 3 products
 * with tracked stock, so every order locks them) with a new Idempotency-Key each, through HTTP/1.1 keep-alive.</li>
 * <li>Floor: the same database work per order issued by plain JDBC from this JVM, {@value #CLIENTS} threads with a
 * connection each: the claim transaction (the idempotency insert) and the order transaction (lock the key's record
 * and the products, count the month, take the number, write the outbox row, the order, its event and lines, the
 * stock and the stored answer), statement for statement what Hibernate sends, the lines and the stock updates as
 * batches as Hibernate batches them. Its outbox rows are not due, so the service's relay does not deliver them while
 * the floor runs (delivering the service's own emails is part of the service's cost).</li>
 * <li>After the warm-ups, floor and service take turns for {@code ROUNDS} rounds of {@code SECONDS} each, and each
 * side's rounds are pooled, so a shared machine's drifting background load weighs on both alike.</li>
 * </ul>
 * Afterwards the rows are counted: every 201 must be one order with its 3 lines and its idempotency record, the
 * numbers without gaps; nothing lost, nothing twice.
 * Usage: {@code OrderBench JAVA SERVICE_JAR PG_HOST PG_PORT WARMUP_SECONDS SECONDS ROUNDS}
 */
public final class OrderBench {

    private static final String DATABASE = "orders_bench";
    /** 8, or BENCH_CLIENTS for diagnosis (one client shows a lone order's latency). */
    private static final int CLIENTS = Integer.parseInt(System.getenv().getOrDefault("BENCH_CLIENTS", "8"));
    private static final int LINES = 3;
    private static final Pattern ORDER_ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final SecureRandom random = new SecureRandom();
    private String base;

    public static void main(String[] args) throws Exception {
        new OrderBench().run(args[0], Path.of(args[1]), args[2], args[3], Integer.parseInt(args[4]),
                Integer.parseInt(args[5]), Integer.parseInt(args[6]));
        System.exit(0);
    }

    private void run(String java, Path jar, String pgHost, String pgPort, int warmup, int seconds, int rounds)
            throws Exception {
        String jdbc = "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + DATABASE;
        BenchSupport.recreateDatabase("jdbc:postgresql://" + pgHost + ":" + pgPort + "/postgres", DATABASE);
        UUID shop = UUID.randomUUID();
        String slug = "bench-" + HexFormat.of().formatHex(random.generateSeed(3));
        HttpServer stub = BenchSupport.suiteStub(shop, slug, new AtomicLong());
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        int port = BenchSupport.freePort();
        base = "http://127.0.0.1:" + port;
        String stubUrl = "http://127.0.0.1:" + stub.getAddress().getPort();
        Path log = Files.createTempFile("order-bench-", ".log");
        Process service = BenchSupport.start(java, jar, List.of("QUARKUS_HTTP_PORT=" + port,
                "QUARKUS_DATASOURCE_JDBC_URL=" + jdbc, "QUARKUS_DATASOURCE_USERNAME=postgres",
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION=" + BenchSupport.pem(keys.getPublic(), "PUBLIC KEY"),
                "ORDER_IDENTITY_URL=" + stubUrl, "SUITE_OUTBOX_NOTIFICATION_URL=" + stubUrl,
                "SUITE_SERVICE_CLIENT_TOKEN_URL=" + stubUrl + "/api/v1/auth/token",
                "SUITE_SERVICE_CLIENT_ID=order-service",
                "SUITE_SERVICE_CLIENT_SECRET=" + HexFormat.of().formatHex(random.generateSeed(24)),
                "SUITE_PUBLIC_URL=https://shop.example.test",
                // production requires Stripe's settings; placing orders never calls Stripe
                "STRIPE_SECRET_KEY=sk_test_bench_not_a_real_key", "STRIPE_PUBLISHABLE_KEY=pk_test_bench",
                "STRIPE_WEBHOOK_SECRET=whsec_bench_" + HexFormat.of().formatHex(random.generateSeed(16)),
                "QUARKUS_LOG_CONSOLE_JSON_ENABLED=false"), log, "ORDER_", "QUARKUS_");
        try {
            BenchSupport.awaitReady(port);
            List<UUID> products = new ArrayList<>();
            UUID floorShop = UUID.randomUUID();
            List<UUID> floorProducts = new ArrayList<>();
            try (Connection connection = DriverManager.getConnection(jdbc, "postgres", null)) {
                for (int i = 0; i < LINES; i++) {
                    products.add(product(connection, shop, i));
                    floorProducts.add(product(connection, floorShop, i));
                }
            }
            System.out.printf("%s; %d cores; order-service jar; %d clients; %d lines an order; %d s warm-up; %d"
                    + " rounds of %d s floor then %d s service%n%n", System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(), CLIENTS, LINES, warmup, rounds, seconds, seconds);

            Floor floor = new Floor(jdbc, floorShop, floorProducts);
            AtomicLong created = new AtomicLong();
            List<String> ids = Collections.synchronizedList(new ArrayList<>());
            floor.loop(Math.min(warmup, 20)); // plain JDBC warms up quickly
            orders(slug, products, warmup, created, ids); // the service's JIT needs long (see docs/benchmarks.md)
            System.out.printf("One client, warmed up, for scale: a POST refused before any database work (no key)"
                    + " %.1f ms, GET /q/health/live %.1f ms (medians of 300).%n%n", median(300, () -> send(HttpRequest
                    .newBuilder(URI.create(base + "/api/v1/orders")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), 400)), median(300, () -> send(
                    HttpRequest.newBuilder(URI.create(base + "/q/health/live")).build(), 200)));
            // the background load of a shared machine drifts: floor and service take turns, and each is pooled
            List<Run> floorRuns = new ArrayList<>();
            List<Run> serviceRuns = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                floorRuns.add(floor.loop(seconds));
                serviceRuns.add(orders(slug, products, seconds, created, ids));
            }
            Run best = Run.pooled(floorRuns);
            Run measured = Run.pooled(serviceRuns);

            long orders;
            long lines;
            long records;
            long numbers;
            try (Connection connection = DriverManager.getConnection(jdbc, "postgres", null)) {
                orders = count(connection, "SELECT count(*) FROM orders WHERE tenant_id = ?", shop);
                lines = count(connection, "SELECT count(*) FROM order_items i JOIN orders o ON o.id = i.order_id"
                        + " WHERE o.tenant_id = ?", shop);
                records = count(connection, "SELECT count(*) FROM idempotency_records WHERE tenant_id = ?"
                        + " AND state = 'done'", shop);
                numbers = count(connection, "SELECT max(order_number) - min(order_number) + 1 FROM orders"
                        + " WHERE tenant_id = ?", shop);
            }
            long answered = created.get();
            long distinctIds = ids.stream().distinct().count();
            long blocked;
            try (var logLines = Files.lines(log)) {
                blocked = logLines.filter(line -> line.contains("has been blocked for")).count();
            }

            System.out.printf("| measure | service | floor (plain JDBC, same SQL) | ratio | target |%n"
                    + "|---|---:|---:|---:|---|%n");
            System.out.printf("| orders per second | %.1f | %.1f | %.2f | >= 0.5 |%n", measured.perSecond(),
                    best.perSecond(), measured.perSecond() / best.perSecond());
            System.out.printf("| latency p50 (ms) | %.1f | %.1f | | |%n", measured.percentile(0.50),
                    best.percentile(0.50));
            System.out.printf("| latency p99 (ms) | %.1f | %.1f | | < 50 |%n", measured.percentile(0.99),
                    best.percentile(0.99));
            System.out.printf("| latency max (ms) | %.1f | %.1f | | |%n", measured.percentile(1.0),
                    best.percentile(1.0));
            StringBuilder perRound = new StringBuilder();
            for (int round = 0; round < rounds; round++) {
                perRound.append(round == 0 ? "" : ", ").append(String.format("%.1f / %.1f",
                        serviceRuns.get(round).perSecond(), floorRuns.get(round).perSecond()));
            }
            System.out.printf("%nOrders per second by round, service / floor: %s.%n", perRound);
            System.out.printf("%nRows after the run (warm-up included): %d answered 201 (%d distinct order ids);"
                    + " %d orders, %d lines (%d expected), %d stored answers, numbers 1001..%d (%d numbers)."
                    + " Lost: %d, duplicated: %d.%n", answered, distinctIds, orders, lines, orders * LINES, records,
                    1000 + numbers, numbers, Math.max(0, answered - orders), Math.max(0, orders - answered));
            System.out.printf("Blocked-thread warnings in the service log: %d (%s)%n", blocked, log);
            if (orders != answered || distinctIds != answered || lines != orders * LINES || records != orders
                    || numbers != orders) {
                System.out.println("MISMATCH: orders, answers, lines, records or numbers disagree");
            }
        } finally {
            service.destroy();
            service.waitFor();
            stub.stop(0);
        }
    }

    /** {@value #CLIENTS} clients placing orders for {@code seconds}; counts 201s and keeps the ids. */
    private Run orders(String slug, List<UUID> products, int seconds, AtomicLong created, List<String> ids)
            throws Exception {
        return closedLoop(seconds, client -> {
            StringBuilder items = new StringBuilder("[");
            for (int i = 0; i < products.size(); i++) {
                items.append(i == 0 ? "" : ",").append("{\"productId\":\"").append(products.get(i))
                        .append("\",\"quantity\":").append(1 + i).append('}');
            }
            String body = "{\"tenant\":\"" + slug + "\",\"email\":\"client" + client + "@bench.example\",\"name\":"
                    + "\"Client " + client + "\",\"items\":" + items + "]}";
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/orders"))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("the service answered " + response.statusCode() + ": "
                        + response.body());
            }
            Matcher id = ORDER_ID.matcher(response.body());
            if (!id.find()) {
                throw new IllegalStateException("no order id in " + response.body());
            }
            created.incrementAndGet();
            ids.add(id.group(1));
        });
    }

    /** The floor: the service's SQL for one order, by plain JDBC, a connection per thread. */
    private final class Floor {

        private final String jdbc;
        private final UUID shop;
        private final List<UUID> products;

        Floor(String jdbc, UUID shop, List<UUID> products) {
            this.jdbc = jdbc;
            this.shop = shop;
            this.products = List.copyOf(products);
        }

        Run loop(int seconds) throws Exception {
            Connection[] connections = new Connection[CLIENTS];
            for (int i = 0; i < CLIENTS; i++) {
                connections[i] = DriverManager.getConnection(jdbc, "postgres", null);
                connections[i].setAutoCommit(false);
            }
            try {
                return closedLoop(seconds, client -> order(connections[client], client));
            } finally {
                for (Connection connection : connections) {
                    connection.close();
                }
            }
        }

        private void order(Connection c, int client) throws Exception {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            String caller = "guest:" + hex(sha256("client" + client + "@bench.example"));
            String key = hex(sha256(UUID.randomUUID().toString()));
            byte[] fingerprint = sha256("POST /api/v1/orders\n" + key);
            OffsetDateTime lockedUntil = now.plusSeconds(30);
            // the claim, committed on its own
            try (PreparedStatement claim = c.prepareStatement("INSERT INTO idempotency_records (tenant_id, caller,"
                    + " idempotency_key, operation, fingerprint, state, created_at, locked_until, expires_at)"
                    + " VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?) ON CONFLICT (tenant_id, caller, idempotency_key)"
                    + " DO NOTHING")) {
                claim.setObject(1, shop);
                claim.setString(2, caller);
                claim.setString(3, key);
                claim.setString(4, "POST /api/v1/orders");
                claim.setBytes(5, fingerprint);
                claim.setObject(6, now);
                claim.setObject(7, lockedUntil);
                claim.setObject(8, now.plusHours(24));
                if (claim.executeUpdate() != 1) {
                    throw new IllegalStateException("a fresh key was taken");
                }
            }
            c.commit();
            // the order
            try (PreparedStatement record = c.prepareStatement("SELECT caller, idempotency_key, tenant_id,"
                    + " created_at, expires_at, fingerprint, location, locked_until, operation, response_body,"
                    + " response_status, state FROM idempotency_records WHERE (caller, idempotency_key, tenant_id)"
                    + " IN ((?, ?, ?)) FOR NO KEY UPDATE")) {
                record.setString(1, caller);
                record.setString(2, key);
                record.setObject(3, shop);
                drain(record);
            }
            long[] prices = new long[LINES];
            int[] stock = new int[LINES];
            long[] versions = new long[LINES];
            UUID[] ids = new UUID[LINES];
            String[] skus = new String[LINES];
            String[] names = new String[LINES];
            OffsetDateTime[] createdAt = new OffsetDateTime[LINES];
            try (PreparedStatement lock = c.prepareStatement("SELECT id, active, created_at, currency, description,"
                    + " name, price, sku, stock, tenant_id, updated_at, version FROM products WHERE tenant_id = ? AND"
                    + " id IN (?, ?, ?) ORDER BY id FOR NO KEY UPDATE")) {
                lock.setObject(1, shop);
                for (int i = 0; i < LINES; i++) {
                    lock.setObject(2 + i, products.get(i));
                }
                try (ResultSet rows = lock.executeQuery()) {
                    for (int i = 0; rows.next(); i++) {
                        ids[i] = rows.getObject("id", UUID.class);
                        prices[i] = rows.getLong("price");
                        stock[i] = rows.getInt("stock");
                        versions[i] = rows.getLong("version");
                        skus[i] = rows.getString("sku");
                        names[i] = rows.getString("name");
                        createdAt[i] = rows.getObject("created_at", OffsetDateTime.class);
                    }
                }
            }
            try (PreparedStatement count = c.prepareStatement("INSERT INTO monthly_order_counts (tenant_id, month,"
                    + " orders) VALUES (?, ?, 1) ON CONFLICT (tenant_id, month) DO UPDATE SET orders ="
                    + " monthly_order_counts.orders + 1 WHERE monthly_order_counts.orders < ? RETURNING orders")) {
                count.setObject(1, shop);
                count.setObject(2, LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1));
                count.setInt(3, Integer.MAX_VALUE);
                drain(count);
            }
            long number;
            try (PreparedStatement next = c.prepareStatement("INSERT INTO order_numbers (tenant_id, last_number)"
                    + " VALUES (?, ?) ON CONFLICT (tenant_id) DO UPDATE SET last_number = order_numbers.last_number"
                    + " + 1 RETURNING last_number")) {
                next.setObject(1, shop);
                next.setLong(2, 1001);
                try (ResultSet rows = next.executeQuery()) {
                    rows.next();
                    number = rows.getLong(1);
                }
            }
            UUID orderId = UUID.randomUUID();
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random.generateSeed(32));
            try (PreparedStatement outbox = c.prepareStatement("INSERT INTO outbox (id, destination, payload,"
                    + " status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, 'pending', 0, ?, ?)")) {
                outbox.setObject(1, UUID.randomUUID());
                outbox.setString(2, "notification.email");
                outbox.setString(3, "{\"template\":\"order-confirmation\",\"to\":\"client" + client
                        + "@bench.example\",\"data\":{\"orderId\":\"" + orderId + "\",\"accessToken\":\"" + token
                        + "\"}}");
                outbox.setObject(4, now.plusDays(1)); // the same row, not yet due: the service's relay leaves it alone
                outbox.setObject(5, now);
                outbox.executeUpdate();
            }
            long subtotal = 0;
            for (int i = 0; i < LINES; i++) {
                subtotal += prices[i] * (i + 1);
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO orders (access_token_hash, created_at,"
                    + " currency, customer_id, email, name, order_number, status, subtotal, tenant_id, total,"
                    + " tracking_url, updated_at, version, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setBytes(1, sha256(token));
                insert.setObject(2, now);
                insert.setString(3, "EUR");
                insert.setObject(4, null);
                insert.setString(5, "client" + client + "@bench.example");
                insert.setString(6, "Client " + client);
                insert.setLong(7, number);
                insert.setString(8, "pending");
                insert.setLong(9, subtotal);
                insert.setObject(10, shop);
                insert.setLong(11, subtotal);
                insert.setString(12, null);
                insert.setObject(13, now);
                insert.setLong(14, 0);
                insert.setObject(15, orderId);
                insert.executeUpdate();
            }
            try (PreparedStatement event = c.prepareStatement("INSERT INTO order_events (actor, at, note, order_id,"
                    + " status, tracking_url, id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                event.setString(1, "guest");
                event.setObject(2, now);
                event.setString(3, null);
                event.setObject(4, orderId);
                event.setString(5, "pending");
                event.setString(6, null);
                event.setObject(7, UUID.randomUUID());
                event.executeUpdate();
            }
            try (PreparedStatement line = c.prepareStatement("INSERT INTO order_items (line_no, line_total, name,"
                    + " order_id, product_id, quantity, sku, unit_price, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < LINES; i++) {
                    line.setInt(1, i + 1);
                    line.setLong(2, prices[i] * (i + 1));
                    line.setString(3, names[i]);
                    line.setObject(4, orderId);
                    line.setObject(5, ids[i]);
                    line.setInt(6, i + 1);
                    line.setString(7, skus[i]);
                    line.setLong(8, prices[i]);
                    line.setObject(9, UUID.randomUUID());
                    line.addBatch();
                }
                line.executeBatch();
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE products SET active = ?, created_at = ?,"
                    + " currency = ?, description = ?, name = ?, price = ?, sku = ?, stock = ?, tenant_id = ?,"
                    + " updated_at = ?, version = ? WHERE id = ? AND version = ?")) {
                for (int i = 0; i < LINES; i++) {
                    update.setBoolean(1, true);
                    update.setObject(2, createdAt[i]);
                    update.setString(3, "EUR");
                    update.setString(4, null);
                    update.setString(5, names[i]);
                    update.setLong(6, prices[i]);
                    update.setString(7, skus[i]);
                    update.setInt(8, stock[i] - (i + 1));
                    update.setObject(9, shop);
                    update.setObject(10, now);
                    update.setLong(11, versions[i] + 1);
                    update.setObject(12, ids[i]);
                    update.setLong(13, versions[i]);
                    update.addBatch();
                }
                for (int updated : update.executeBatch()) {
                    if (updated != 1) {
                        throw new IllegalStateException("a product changed under its lock");
                    }
                }
            }
            try (PreparedStatement done = c.prepareStatement("UPDATE idempotency_records SET created_at = ?,"
                    + " expires_at = ?, fingerprint = ?, location = ?, locked_until = ?, operation = ?,"
                    + " response_body = ?, response_status = ?, state = ? WHERE caller = ? AND idempotency_key = ?"
                    + " AND tenant_id = ?")) {
                done.setObject(1, now);
                done.setObject(2, now.plusHours(24));
                done.setBytes(3, fingerprint);
                done.setString(4, "/api/v1/orders/" + orderId);
                done.setObject(5, lockedUntil);
                done.setString(6, "POST /api/v1/orders");
                done.setString(7, Base64.getEncoder().encodeToString(new byte[700]));
                done.setInt(8, 201);
                done.setString(9, "done");
                done.setString(10, caller);
                done.setString(11, key);
                done.setObject(12, shop);
                done.executeUpdate();
            }
            c.commit();
        }
    }

    private void send(HttpRequest request, int expected) throws Exception {
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != expected) {
            throw new IllegalStateException("expected " + expected + " but the service answered " + status);
        }
    }

    private static double median(int n, Call call) throws Exception {
        double[] times = new double[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            call.run();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[n / 2];
    }

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }

    private static void drain(PreparedStatement query) throws Exception {
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                rows.getObject(1);
            }
        }
    }

    /** Runs {@code work} in {@value #CLIENTS} closed loops for {@code seconds}; per second, and each call's time. */
    private static Run closedLoop(int seconds, Work work) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong done = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(CLIENTS);
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<double[]> latencies = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        for (int t = 0; t < CLIENTS; t++) {
            int client = t;
            Thread.ofPlatform().start(() -> {
                double[] own = new double[1 << 16];
                int n = 0;
                try {
                    while (running.get()) {
                        long began = System.nanoTime();
                        work.run(client);
                        if (running.get()) {
                            if (n == own.length) {
                                own = Arrays.copyOf(own, n * 2);
                            }
                            own[n++] = (System.nanoTime() - began) / 1e6;
                            done.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    latencies.add(Arrays.copyOf(own, n));
                    finished.countDown();
                }
            });
        }
        Thread.sleep(Duration.ofSeconds(seconds));
        long counted = done.get();
        double elapsed = (System.nanoTime() - start) / 1e9;
        running.set(false);
        finished.await();
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a loop failed", failures.get(0));
        }
        double[] all = latencies.stream().flatMapToDouble(Arrays::stream).toArray();
        return new Run(counted / elapsed, all, counted, elapsed);
    }

    @FunctionalInterface
    private interface Work {
        void run(int client) throws Exception;
    }

    private static UUID product(Connection connection, UUID shop, int i) throws Exception {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO products (id, tenant_id, sku, name,"
                + " description, price, currency, stock, active, version, created_at, updated_at) VALUES (?, ?, ?, ?,"
                + " NULL, ?, 'EUR', ?, true, 0, ?, ?)")) {
            insert.setObject(1, id);
            insert.setObject(2, shop);
            insert.setString(3, "SKU-" + i);
            insert.setString(4, "Product " + i);
            insert.setLong(5, 1000 + 250L * i);
            insert.setInt(6, 100_000_000);
            insert.setObject(7, now);
            insert.setObject(8, now);
            insert.executeUpdate();
        }
        return id;
    }

    private static long count(Connection connection, String sql, UUID shop) throws Exception {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, shop);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
