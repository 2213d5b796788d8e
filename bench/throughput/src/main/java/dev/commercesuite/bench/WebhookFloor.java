package dev.commercesuite.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The floor of the webhook benchmark: a plain JDK HTTP server that takes Stripe's {@code payment_intent.succeeded}
 * deliveries the way order-service does, with nothing else around it. It checks the {@code Stripe-Signature} of the raw
 * body (HMAC-SHA256 over {@code t.body}, every {@code v1} compared in constant time, 300 s tolerance either way), reads
 * the event, and issues statement for statement the SQL order-service sends for one event, in one transaction over
 * plain JDBC with a small pool (captured with PostgreSQL's {@code log_statement = all}; see docs/benchmarks.md): take
 * the event id, find the order by its PaymentIntent, lock it, re-read it with its access tokens, its lines and its
 * timeline (what Hibernate's refresh reads), insert the new access token and the timeline entry, update the order
 * (every column, as Hibernate does), insert the audit entry, the outbox email, and record the event's outcome.
 * Only the paid path is implemented (the benchmark sends nothing else); anything else is answered 500.
 * <p>
 * The outbox rows are the same rows except that they are not due for a day, so the service's relay, which runs on the
 * same database, does not deliver the floor's emails (delivering its own is part of the service's cost).
 * Usage: {@code WebhookFloor PORT JDBC_URL WEBHOOK_SECRET POOL_SIZE}; {@code GET /ready} answers 200 when it is up.
 */
public final class WebhookFloor {

    private static final String PATH = "/api/v1/webhooks/stripe";
    private static final String ACTOR = "system:stripe-webhook";
    private static final long TOLERANCE_SECONDS = 300;
    private static final int MAX_BODY = 256 * 1024;
    private static final String ORDER_COLUMNS = "o1_0.id,o1_0.access_token_hash,o1_0.awaiting_payment_since,"
            + "o1_0.created_at,o1_0.currency,o1_0.customer_id,o1_0.email,o1_0.name,o1_0.order_number,o1_0.paid_at,"
            + "o1_0.payment_checked_at,o1_0.payment_failure,o1_0.payment_intent_id,o1_0.payment_issue,o1_0.refund_id,"
            + "o1_0.refunded_at,o1_0.status,o1_0.subtotal,o1_0.tenant_id,o1_0.total,o1_0.tracking_url,"
            + "o1_0.updated_at,o1_0.version";

    private final BlockingQueue<Connection> pool;
    private final byte[] secret;
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();

    private WebhookFloor(BlockingQueue<Connection> pool, String secret) {
        this.pool = pool;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int size = Integer.parseInt(args[3]);
        BlockingQueue<Connection> pool = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            Connection connection = DriverManager.getConnection(args[1], "postgres", null);
            connection.setAutoCommit(false);
            pool.add(connection);
        }
        WebhookFloor floor = new WebhookFloor(pool, args[2]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.setExecutor(Executors.newFixedThreadPool(size));
        server.createContext(PATH, floor::handle);
        server.createContext("/ready", exchange -> {
            try (exchange) {
                answer(exchange, 200, "{\"status\":\"UP\"}");
            }
        });
        server.start();
    }

    /** A delivery that is not a correctly signed event (400), or one the floor does not implement (500). */
    private static final class Refused extends Exception {

        private final int status;

        Refused(int status, String reason) {
            super(reason, null, false, false);
            this.status = status;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (!"POST".equals(exchange.getRequestMethod()) || body.length > MAX_BODY) {
                answer(exchange, body.length > MAX_BODY ? 413 : 405, "{}");
                return;
            }
            String payload = new String(body, StandardCharsets.UTF_8);
            try {
                verify(payload, exchange.getRequestHeaders().getFirst("Stripe-Signature"));
                JsonNode event = json.readTree(payload);
                String outcome = apply(event);
                answer(exchange, 200, "{\"id\":\"" + event.path("id").asText() + "\",\"outcome\":\"" + outcome
                        + "\"}");
            } catch (Refused e) {
                answer(exchange, e.status, "{\"type\":\"" + e.getMessage() + "\"}");
            } catch (Exception e) {
                answer(exchange, 500, "{\"type\":\"" + e.getClass().getSimpleName() + "\"}");
            }
        }
    }

    /** Stripe's scheme: {@code t=<unix time>,v1=<hex HMAC-SHA256(secret, t + "." + payload)>[,v1=...]}. */
    private void verify(String payload, String header) throws Refused, GeneralSecurityException {
        if (header == null || header.isBlank() || header.length() > 4096) {
            throw new Refused(400, "invalid-signature");
        }
        long signedAt = -1;
        List<byte[]> signatures = new ArrayList<>(2);
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            if (name.equals("t") && value.matches("\\d{1,12}")) {
                signedAt = Long.parseLong(value);
            } else if (name.equals("v1")) {
                signatures.add(value.getBytes(StandardCharsets.US_ASCII));
            }
        }
        long now = System.currentTimeMillis() / 1000;
        if (signedAt < 0 || signatures.isEmpty() || Math.abs(now - signedAt) > TOLERANCE_SECONDS) {
            throw new Refused(400, "invalid-signature");
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        byte[] expected = HexFormat.of().formatHex(mac.doFinal((signedAt + "." + payload)
                .getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.US_ASCII);
        boolean matches = false;
        for (byte[] signature : signatures) {
            matches |= MessageDigest.isEqual(expected, signature);
        }
        if (!matches) {
            throw new Refused(400, "invalid-signature");
        }
    }

    /** The order row as Hibernate reads it: the columns the floor needs besides the ones it writes back. */
    private record OrderRow(UUID id, byte[] accessTokenHash, OffsetDateTime awaitingPaymentSince,
            OffsetDateTime createdAt, String currency, UUID customerId, String email, String name, long orderNumber,
            OffsetDateTime paymentCheckedAt, String paymentIntentId, String status, long subtotal, UUID tenantId,
            long total, String trackingUrl, long version) {

        static OrderRow read(ResultSet row) throws SQLException {
            return new OrderRow(row.getObject(1, UUID.class), row.getBytes(2), row.getObject(3, OffsetDateTime.class),
                    row.getObject(4, OffsetDateTime.class), row.getString(5), row.getObject(6, UUID.class),
                    row.getString(7), row.getString(8), row.getLong(9), row.getObject(11, OffsetDateTime.class),
                    row.getString(13), row.getString(17), row.getLong(18), row.getObject(19, UUID.class),
                    row.getLong(20), row.getString(21), row.getLong(23));
        }
    }

    private String apply(JsonNode event) throws Exception {
        String eventId = event.path("id").asText();
        String type = event.path("type").asText();
        if (!type.equals("payment_intent.succeeded")) {
            throw new Refused(500, "not-implemented-in-the-floor");
        }
        JsonNode intent = event.path("data").path("object");
        String intentId = intent.path("id").asText();
        Connection c = pool.take();
        try {
            String outcome = settle(c, eventId, type, intentId, intent);
            c.commit();
            return outcome;
        } catch (Exception e) {
            c.rollback();
            throw e;
        } finally {
            pool.add(c);
        }
    }

    private String settle(Connection c, String eventId, String type, String intentId, JsonNode intent)
            throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        try (PreparedStatement take = c.prepareStatement("INSERT INTO stripe_events (id, type, outcome, received_at)"
                + " VALUES (?, ?, 'received', ?) ON CONFLICT (id) DO NOTHING")) {
            take.setString(1, eventId);
            take.setString(2, type);
            take.setObject(3, now);
            if (take.executeUpdate() != 1) {
                return "replayed";
            }
        }
        UUID orderId;
        try (PreparedStatement find = c.prepareStatement("select " + ORDER_COLUMNS + " from orders o1_0 where"
                + " o1_0.payment_intent_id=? fetch first ? rows only")) {
            find.setString(1, intentId);
            find.setInt(2, 1);
            try (ResultSet rows = find.executeQuery()) {
                if (!rows.next()) {
                    throw new Refused(500, "not-implemented-in-the-floor");
                }
                orderId = OrderRow.read(rows).id();
            }
        }
        try (PreparedStatement lock = c.prepareStatement("SELECT id FROM orders WHERE id = ? FOR NO KEY UPDATE")) {
            lock.setObject(1, orderId);
            drain(lock);
        }
        OrderRow order;
        try (PreparedStatement refresh = c.prepareStatement("select " + ORDER_COLUMNS + ",at1_0.order_id,at1_0.id,"
                + "at1_0.issued_at,at1_0.token_hash from orders o1_0 left join order_access_tokens at1_0 on"
                + " o1_0.id=at1_0.order_id where o1_0.id=?")) {
            refresh.setObject(1, orderId);
            try (ResultSet rows = refresh.executeQuery()) {
                rows.next();
                order = OrderRow.read(rows);
                while (rows.next()) {
                    rows.getBytes(27);
                }
            }
        }
        try (PreparedStatement items = c.prepareStatement("select i1_0.order_id,i1_0.id,i1_0.line_no,"
                + "i1_0.line_total,i1_0.name,i1_0.product_id,i1_0.quantity,i1_0.sku,i1_0.unit_price from order_items"
                + " i1_0 where i1_0.order_id=? order by i1_0.line_no")) {
            items.setObject(1, orderId);
            drain(items);
        }
        try (PreparedStatement timeline = c.prepareStatement("select e1_0.order_id,e1_0.id,e1_0.actor,e1_0.at,"
                + "e1_0.note,e1_0.status,e1_0.tracking_url from order_events e1_0 where e1_0.order_id=? order by"
                + " e1_0.at,e1_0.id")) {
            timeline.setObject(1, orderId);
            drain(timeline);
        }
        JsonNode metadata = intent.path("metadata");
        boolean matches = order.id().toString().equals(metadata.path("orderId").asText())
                && order.tenantId().toString().equals(metadata.path("tenantId").asText())
                && intentId.equals(order.paymentIntentId())
                && order.currency().equals(intent.path("currency").asText().toUpperCase(Locale.ROOT))
                && intent.path("amount_received").asLong(-1) == order.total()
                && order.status().equals("awaiting_payment");
        if (!matches) {
            throw new Refused(500, "not-implemented-in-the-floor");
        }
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        try (PreparedStatement grant = c.prepareStatement("insert into order_access_tokens (issued_at,order_id,"
                + "token_hash,id) values (?,?,?,?)")) {
            grant.setObject(1, now);
            grant.setObject(2, orderId);
            grant.setBytes(3, MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
            grant.setObject(4, uuidV7());
            grant.executeUpdate();
        }
        try (PreparedStatement entry = c.prepareStatement("insert into order_events (actor,at,note,order_id,status,"
                + "tracking_url,id) values (?,?,?,?,?,?,?)")) {
            entry.setString(1, ACTOR);
            entry.setObject(2, now);
            entry.setString(3, "Payment received.");
            entry.setObject(4, orderId);
            entry.setString(5, "paid");
            entry.setString(6, null);
            entry.setObject(7, uuidV7());
            entry.executeUpdate();
        }
        try (PreparedStatement update = c.prepareStatement("update orders set access_token_hash=?,"
                + "awaiting_payment_since=?,created_at=?,currency=?,customer_id=?,email=?,name=?,order_number=?,"
                + "paid_at=?,payment_checked_at=?,payment_failure=?,payment_intent_id=?,payment_issue=?,refund_id=?,"
                + "refunded_at=?,status=?,subtotal=?,tenant_id=?,total=?,tracking_url=?,updated_at=?,version=? where"
                + " id=? and version=?")) {
            update.setBytes(1, order.accessTokenHash());
            update.setObject(2, order.awaitingPaymentSince());
            update.setObject(3, order.createdAt());
            update.setString(4, order.currency());
            update.setObject(5, order.customerId());
            update.setString(6, order.email());
            update.setString(7, order.name());
            update.setLong(8, order.orderNumber());
            update.setObject(9, now);
            update.setObject(10, order.paymentCheckedAt());
            update.setString(11, null);
            update.setString(12, intentId);
            update.setString(13, null);
            update.setString(14, null);
            update.setObject(15, null);
            update.setString(16, "paid");
            update.setLong(17, order.subtotal());
            update.setObject(18, order.tenantId());
            update.setLong(19, order.total());
            update.setString(20, order.trackingUrl());
            update.setObject(21, now);
            update.setLong(22, order.version() + 1);
            update.setObject(23, orderId);
            update.setLong(24, order.version());
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("the order changed under its lock");
            }
        }
        Map<String, Object> audited = new LinkedHashMap<>();
        audited.put("orderId", orderId);
        audited.put("orderNumber", order.orderNumber());
        audited.put("from", order.status());
        audited.put("to", "paid");
        audited.put("note", "Payment received.");
        try (PreparedStatement audit = c.prepareStatement("INSERT INTO audit_events (id, tenant_id, actor, action,"
                + " request_id, metadata, created_at) VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), clock_timestamp())")) {
            audit.setObject(1, uuidV7());
            audit.setObject(2, order.tenantId());
            audit.setString(3, ACTOR);
            audit.setString(4, "order-status-changed");
            audit.setString(5, UUID.randomUUID().toString());
            audit.setString(6, json.writeValueAsString(audited));
            audit.executeUpdate();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", order.name());
        data.put("orderNumber", String.valueOf(order.orderNumber()));
        data.put("orderId", orderId);
        data.put("accessToken", token);
        data.put("status", "paid");
        data.put("trackingUrl", null);
        data.put("note", "Payment received.");
        Map<String, Object> email = new LinkedHashMap<>();
        email.put("template", "order-status-update");
        email.put("to", order.email());
        email.put("tenantId", order.tenantId());
        email.put("shopName", "Bench Shop");
        email.put("data", data);
        try (PreparedStatement outbox = c.prepareStatement("INSERT INTO outbox (id, destination, payload, status,"
                + " attempts, next_attempt_at, created_at) VALUES (?, ?, ?, 'pending', 0, ?, ?)")) {
            outbox.setObject(1, uuidV7());
            outbox.setString(2, "notification.email");
            outbox.setString(3, json.writeValueAsString(email));
            outbox.setObject(4, now.plusDays(1)); // not due: the service's relay leaves the floor's emails alone
            outbox.setObject(5, now);
            outbox.executeUpdate();
        }
        try (PreparedStatement outcome = c.prepareStatement("UPDATE stripe_events SET order_id = ?, outcome = ?"
                + " WHERE id = ?")) {
            outcome.setObject(1, orderId);
            outcome.setString(2, "paid");
            outcome.setString(3, eventId);
            outcome.executeUpdate();
        }
        return "paid";
    }

    private static void drain(PreparedStatement query) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int i = 1; i <= columns; i++) {
                    rows.getObject(i);
                }
            }
        }
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A time-ordered id like the service's (48 bits of milliseconds, version 7, random bits). */
    private UUID uuidV7() {
        long high = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
