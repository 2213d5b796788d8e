package dev.commercesuite.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * What the benchmarks share: a service jar run as a child process, a fresh database, PEM files, free ports, and a stub
 * of the services a service calls (identity, notification).
 */
final class BenchSupport {

    private BenchSupport() {
    }

    /**
     * Starts {@code jar} with exactly {@code env} (plus PATH, {@code BENCH_JAVA_OPTS} as JVM options, and the caller's
     * variables whose names start with one of {@code passThrough}), its output appended to {@code log}.
     */
    static Process start(String java, Path jar, List<String> env, Path log, String... passThrough) throws IOException {
        List<String> command = new ArrayList<>(List.of(java));
        String extraOptions = System.getenv("BENCH_JAVA_OPTS");
        if (extraOptions != null && !extraOptions.isBlank()) {
            command.addAll(List.of(extraOptions.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        // tuning experiments: chosen variables from the caller's environment reach the service
        System.getenv().forEach((name, value) -> {
            for (String prefix : passThrough) {
                if (name.startsWith(prefix)) {
                    builder.environment().put(name, value);
                }
            }
        });
        for (String pair : env) {
            builder.environment().put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return builder.start();
    }

    static void stop(Process process) throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    static void awaitReady(int port) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("service not ready");
    }

    static void recreateDatabase(String adminUrl, String database) throws Exception {
        try (Connection c = DriverManager.getConnection(adminUrl, "postgres", null); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
        }
    }

    /** Writes {@code key} as a PEM file of the given type ({@code PUBLIC KEY}, {@code PRIVATE KEY}). */
    static Path pem(Key key, String type) throws IOException {
        Path file = Files.createTempFile("bench-", ".pem");
        Files.writeString(file, "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END " + type + "-----\n");
        return file;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * The Stripe settings order-service's prod profile requires, for a benchmark that makes no Stripe call: test-mode
     * keys, the webhook signing secret {@code webhookSecret}, and the API base on a closed local port.
     * {@code STRIPE_RECONCILIATION_AFTER=24H} keeps the reconciliation job (which still runs) from asking that port
     * about orders awaiting payment during a long run.
     */
    static List<String> stripeSettings(String webhookSecret) throws IOException {
        SecureRandom random = new SecureRandom();
        return List.of("STRIPE_SECRET_KEY=sk_test_bench" + HexFormat.of().formatHex(random.generateSeed(12)),
                "STRIPE_PUBLISHABLE_KEY=pk_test_bench" + HexFormat.of().formatHex(random.generateSeed(12)),
                "STRIPE_WEBHOOK_SECRET=" + webhookSecret,
                "STRIPE_API_BASE=http://127.0.0.1:" + freePort(),
                "STRIPE_RECONCILIATION_AFTER=24H");
    }

    /**
     * identity-service (token endpoint, the one shop {@code shop}/{@code slug}, named "Bench Shop") and
     * notification-service's intake (202 to everything, counted in {@code emails}), on a free local port.
     */
    static HttpServer suiteStub(UUID shop, String slug, AtomicLong emails) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        String tenant = "{\"id\":\"" + shop + "\",\"slug\":\"" + slug + "\",\"name\":\"Bench Shop\","
                + "\"status\":\"active\",\"tier\":\"studio\"}";
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            exchange.getRequestBody().readAllBytes();
            int status;
            String body;
            if (path.equals("/api/v1/auth/token")) {
                status = 200;
                body = "{\"access_token\":\"bench-token\",\"token_type\":\"Bearer\",\"expires_in\":900}";
            } else if (path.equals("/internal/v1/tenants/" + shop) || path.equals("/internal/v1/tenants/" + slug)) {
                status = 200;
                body = tenant;
            } else if (path.equals("/internal/v1/emails")) {
                status = 202;
                emails.incrementAndGet();
                body = "{\"id\":\"" + UUID.randomUUID() + "\",\"status\":\"queued\"}";
            } else {
                status = 404;
                body = "{}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }
}
