package dev.commercesuite.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * Intake and delivery throughput of notification-service next to their floors on this machine.
 * <ul>
 * <li>Intake: 2 concurrent clients POST /internal/v1/emails until {@code N} are stored (delivery off), against 2
 * threads doing plain JDBC inserts of the same rows.</li>
 * <li>Delivery: the service (delivery on) sends the {@code N} stored emails to GreenMail, against plain jakarta.mail
 * sends of the same messages over one SMTP connection to a GreenMail of the same kind.</li>
 * </ul>
 * Every run checks that exactly {@code N} emails were stored and {@code N} distinct ones received.
 * <p>
 * Usage: {@code EmailThroughput JAVA SERVICE_JAR PG_HOST PG_PORT N}
 */
public final class EmailThroughput {

    private static final String DATABASE = "notifications_bench";
    private static final String ISSUER = "https://commercesuite.dev";

    public static void main(String[] args) throws Exception {
        String java = args[0];
        Path jar = Path.of(args[1]);
        String pgHost = args[2];
        String pgPort = args[3];
        int n = Integer.parseInt(args[4]);
        String adminUrl = "jdbc:postgresql://" + pgHost + ":" + pgPort + "/postgres";
        String dbUrl = "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + DATABASE;

        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        Path publicKey = BenchSupport.pem(keys.getPublic(), "PUBLIC KEY");
        String token = token(keys);

        BenchSupport.recreateDatabase(adminUrl, DATABASE);
        int smtpPort = BenchSupport.freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        int httpPort = BenchSupport.freePort();
        List<String> env = List.of("QUARKUS_HTTP_PORT=" + httpPort, "QUARKUS_DATASOURCE_JDBC_URL=" + dbUrl,
                "QUARKUS_DATASOURCE_USERNAME=postgres", "QUARKUS_MAILER_HOST=127.0.0.1",
                "QUARKUS_MAILER_PORT=" + smtpPort, "SUITE_PUBLIC_URL=https://shop.example.test",
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION=" + publicKey, "QUARKUS_LOG_CONSOLE_JSON_ENABLED=false",
                "QUARKUS_LOG_LEVEL=WARN");

        // --- intake: the service, delivery off ---
        Process service = start(java, jar, env, "false");
        BenchSupport.awaitReady(httpPort);
        long intakeStart = System.nanoTime();
        postAll(httpPort, token, n);
        double intakeSeconds = (System.nanoTime() - intakeStart) / 1e9;
        BenchSupport.stop(service);
        int stored = count(dbUrl, "SELECT count(*) FROM emails");

        // --- intake floor: plain JDBC inserts of the same rows ---
        List<String[]> rows = readRows(dbUrl);
        double floorIntakeSeconds = jdbcFloor(dbUrl, rows);

        // --- delivery: the service, delivery on, sends the N stored emails ---
        service = start(java, jar, env, "true");
        BenchSupport.awaitReady(httpPort);
        long deliveryStart = System.nanoTime();
        while (smtp.getReceivedMessages().length < n) {
            Thread.sleep(20);
            if (System.nanoTime() - deliveryStart > Duration.ofMinutes(10).toNanos()) {
                throw new IllegalStateException("delivery did not finish in 10 minutes");
            }
        }
        double deliverySeconds = (System.nanoTime() - deliveryStart) / 1e9;
        Thread.sleep(2000); // let any duplicate arrive before counting
        MimeMessage[] received = smtp.getReceivedMessages();
        Set<String> ids = new HashSet<>();
        for (MimeMessage message : received) {
            ids.add(message.getHeader("X-Commerce-Suite-Email-Id")[0]);
        }
        int sent = count(dbUrl, "SELECT count(*) FROM emails WHERE status = 'sent'");
        BenchSupport.stop(service);
        smtp.stop();

        // --- delivery floor: plain jakarta.mail over one connection to a fresh GreenMail ---
        int floorPort = BenchSupport.freePort();
        GreenMail floorSmtp = new GreenMail(new ServerSetup(floorPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        floorSmtp.start();
        double floorDeliverySeconds = mailFloor(floorPort, rows);
        int floorReceived = floorSmtp.getReceivedMessages().length;
        floorSmtp.stop();

        double intakeRate = n / intakeSeconds;
        double floorIntakeRate = n / floorIntakeSeconds;
        double deliveryRate = n / deliverySeconds;
        double floorDeliveryRate = n / floorDeliverySeconds;
        System.out.printf("| measure | service (per s) | floor (per s) | ratio | target |%n|---|---:|---:|---:|---:|%n");
        System.out.printf("| intake, 2 clients, %d emails | %.0f | %.0f (plain JDBC inserts, 2 threads) | %.2f | >= 0.5 |%n",
                n, intakeRate, floorIntakeRate, intakeRate / floorIntakeRate);
        System.out.printf("| delivery to GreenMail, %d emails | %.0f | %.0f (plain jakarta.mail, 1 connection) | %.2f | >= 0.7 |%n",
                n, deliveryRate, floorDeliveryRate, deliveryRate / floorDeliveryRate);
        System.out.printf("%nChecks: stored %d of %d; sent %d; received %d messages with %d distinct email ids"
                + " (lost %d, duplicated %d); floor received %d.%n", stored, n, sent, received.length, ids.size(),
                n - ids.size(), received.length - ids.size(), floorReceived);
        boolean clean = stored == n && sent == n && ids.size() == n && received.length == n && floorReceived == n;
        if (!clean) {
            System.out.println("RUN NOT CLEAN: emails were lost or duplicated");
            System.exit(1);
        }
    }

    private static void postAll(int port, String token, int n) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(2);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            done.add(clients.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < n) {
                    String body = "{\"template\":\"order-status-update\",\"to\":\"customer" + i + "@example.com\","
                            + "\"tenantId\":\"bench\",\"data\":{\"name\":\"Customer " + i + "\",\"orderNumber\":\"B-" + i
                            + "\",\"orderId\":\"order-" + i + "\",\"accessToken\":\"tok_0123456789abcdef" + i
                            + "\",\"status\":\"shipped\",\"trackingUrl\":\"https://tracking.example.com/" + i + "\"}}";
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/internal/v1/emails"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .header("Idempotency-Key", "bench-" + i).POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 202) {
                        throw new IllegalStateException("intake answered " + response.statusCode() + ": " + response.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        clients.shutdown();
    }

    private static List<String[]> readRows(String url) throws Exception {
        List<String[]> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", null);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT recipient, subject, html_body, text_body, template FROM emails")) {
            while (r.next()) {
                rows.add(new String[] {r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5)});
            }
        }
        return rows;
    }

    private static double jdbcFloor(String url, List<String[]> rows) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", null); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE floor_emails (LIKE emails INCLUDING ALL)");
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            done.add(threads.submit(() -> {
                try (Connection c = DriverManager.getConnection(url, "postgres", null);
                        PreparedStatement insert = c.prepareStatement("INSERT INTO floor_emails (id, idempotency_key,"
                                + " client_id, request_hash, template, locale, tenant_id, recipient, subject, html_body,"
                                + " text_body, status, attempts, next_attempt_at, created_at, updated_at)"
                                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (client_id, idempotency_key) DO NOTHING")) {
                    int i;
                    while ((i = next.getAndIncrement()) < rows.size()) {
                        String[] row = rows.get(i);
                        var now = Instant.now().atOffset(ZoneOffset.UTC);
                        insert.setObject(1, UUID.randomUUID());
                        insert.setString(2, "floor-" + i);
                        insert.setString(3, "bench");
                        insert.setString(4, "0".repeat(64));
                        insert.setString(5, row[4]);
                        insert.setString(6, "en");
                        insert.setString(7, "bench");
                        insert.setString(8, row[0]);
                        insert.setString(9, row[1]);
                        insert.setString(10, row[2]);
                        insert.setString(11, row[3]);
                        insert.setString(12, "queued");
                        insert.setInt(13, 0);
                        insert.setObject(14, now);
                        insert.setObject(15, now);
                        insert.setObject(16, now);
                        insert.executeUpdate();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        threads.shutdown();
        return (System.nanoTime() - start) / 1e9;
    }

    private static double mailFloor(int port, List<String[]> rows) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(port));
        Session session = Session.getInstance(properties);
        long start = System.nanoTime();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (String[] row : rows) {
                MimeMessage message = new MimeMessage(session);
                message.setFrom(new InternetAddress("no-reply@commercesuite.dev"));
                message.setRecipient(Message.RecipientType.TO, new InternetAddress(row[0]));
                message.setSubject(row[1], "UTF-8");
                MimeBodyPart text = new MimeBodyPart();
                text.setText(row[3], "UTF-8");
                MimeBodyPart html = new MimeBodyPart();
                html.setContent(row[2], "text/html; charset=UTF-8");
                MimeMultipart alternative = new MimeMultipart("alternative", text, html);
                message.setContent(alternative);
                message.saveChanges();
                transport.sendMessage(message, message.getAllRecipients());
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }





    private static int count(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", null);
                Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }

    private static String token(KeyPair keys) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iss\":\"" + ISSUER + "\",\"sub\":\"bench-service\",\"groups\":[\"service\"],"
                + "\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}").getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(keys.getPrivate());
        signature.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + b64.encodeToString(signature.sign());
    }

    private static Process start(String java, Path jar, List<String> env, String delivery) throws IOException {
        List<String> withDelivery = new ArrayList<>(env);
        withDelivery.add("NOTIFICATION_DELIVERY_ENABLED=" + delivery);
        return BenchSupport.start(java, jar, withDelivery,
                Path.of(System.getProperty("java.io.tmpdir"), "notification-bench.log"), "NOTIFICATION_", "QUARKUS_MAILER_");
    }
}
