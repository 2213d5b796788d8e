package dev.commercesuite.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import com.sun.net.httpserver.HttpServer;

/**
 * identity-service's authentication benchmarks, run against its packaged jar on a fresh database, with
 * notification-service replaced by a local HTTP stub that answers 202 and keeps the verification tokens it is sent.
 * <ul>
 * <li>Enumeration timing: sign-up, resend-verification, forgot-password and login (wrong password) for an address that has an account
 * and one that has not, {@code N} calls each, the two interleaved (alternating which goes first) by one client;
 * medians and their difference.</li>
 * <li>Logins per second: 4 clients, each logging in to its own verified account in a closed loop, against the
 * floor: 4 threads doing bare Argon2id verifications with the service's parameters, in this JVM, before the service
 * starts. The service's log is searched for blocked-thread warnings afterwards.</li>
 * </ul>
 * Usage: {@code IdentityBench JAVA SERVICE_JAR PG_HOST PG_PORT N SECONDS}
 */
public final class IdentityBench {

    private static final String DATABASE = "identity_bench";
    private static final String PASSWORD = "Quiet-Harbor-Lantern-42";
    private static final String WRONG_PASSWORD = "Loud-Harbor-Lantern-24";
    private static final int CLIENTS = 4;
    private static final Pattern VERIFY_EMAIL = Pattern.compile(
            "\"template\":\"verify-email\".*\"to\":\"([^\"]+)\"|\"to\":\"([^\"]+)\".*\"template\":\"verify-email\"");
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([A-Za-z0-9_-]{43})\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, String> verificationTokens = new ConcurrentHashMap<>();
    private String base;

    public static void main(String[] args) throws Exception {
        new IdentityBench().run(args[0], Path.of(args[1]), args[2], args[3], Integer.parseInt(args[4]),
                Integer.parseInt(args[5]));
    }

    private void run(String java, Path jar, String pgHost, String pgPort, int n, int seconds) throws Exception {
        // --- floor first, while nothing else runs: bare Argon2id verifications, 4 threads (again at the end) ---
        double floorBefore = argon2Floor(seconds);

        BenchSupport.recreateDatabase("jdbc:postgresql://" + pgHost + ":" + pgPort + "/postgres", DATABASE);
        HttpServer notification = notificationStub();
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        int port = BenchSupport.freePort();
        base = "http://127.0.0.1:" + port;
        Path log = Files.createTempFile("identity-bench-", ".log");
        Process service = BenchSupport.start(java, jar, List.of("QUARKUS_HTTP_PORT=" + port,
                "QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + DATABASE,
                "QUARKUS_DATASOURCE_USERNAME=postgres",
                "SUITE_OUTBOX_NOTIFICATION_URL=http://127.0.0.1:" + notification.getAddress().getPort(),
                "SMALLRYE_JWT_SIGN_KEY_LOCATION=" + BenchSupport.pem(keys.getPrivate(), "PRIVATE KEY"),
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION=" + BenchSupport.pem(keys.getPublic(), "PUBLIC KEY"),
                "QUARKUS_LOG_CONSOLE_JSON_ENABLED=false"), log, "IDENTITY_", "QUARKUS_");
        try {
            BenchSupport.awaitReady(port);
            String shop = "bench-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
            post("/api/v1/tenants", "{\"name\":\"Bench\",\"slug\":\"" + shop + "\",\"adminEmail\":\"owner@" + shop
                    + ".example\",\"adminPassword\":\"" + PASSWORD + "\",\"adminName\":\"Owner\"}", 201);
            List<String> accounts = new ArrayList<>(List.of("owner@" + shop + ".example"));
            for (int i = 1; i < CLIENTS; i++) {
                accounts.add("client" + i + "@" + shop + ".example");
                signupCall(shop, accounts.get(i));
            }
            for (String account : accounts) {
                verify(account);
            }
            String unverified = "pending@" + shop + ".example";
            signupCall(shop, unverified);

            System.out.printf("%s; %d cores; identity-service jar; Argon2id m=19456 KiB, t=2, p=1%n%n",
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
            // --- enumeration timing ---
            String taken = accounts.get(1);
            String lockedOut = accounts.get(0); // wrong passwords lock it after 5: an attacker meets exactly this
            warmUp(shop, taken, unverified, lockedOut);
            System.out.printf("| call (%d each, interleaved) | median, account exists (ms) | median, no account (ms)"
                    + " | difference (ms) | difference (%% of median) | target |%n|---|---:|---:|---:|---:|---|%n", n);
            compare("sign-up", n, i -> signupCall(shop, taken), i -> signupCall(shop, "new" + i + "@" + shop + ".example"));
            compare("resend-verification", n, i -> resendCall(shop, unverified),
                    i -> resendCall(shop, "nobody" + i + "@" + shop + ".example"));
            compare("forgot-password", n, i -> forgotCall(shop, taken),
                    i -> forgotCall(shop, "nobody" + i + "@" + shop + ".example"));
            compare("login, wrong password", n, i -> loginCall(shop, lockedOut, WRONG_PASSWORD),
                    i -> loginCall(shop, "nobody" + i + "@" + shop + ".example", WRONG_PASSWORD));

            // --- logins per second ---
            List<String> loginAccounts = accounts.subList(1, CLIENTS);
            List<String> clients = new ArrayList<>(loginAccounts);
            String fourth = "client" + CLIENTS + "@" + shop + ".example";
            signupCall(shop, fourth);
            verify(fourth);
            clients.add(fourth);
            loginRate(shop, clients, Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP_SECONDS", "10")));
            long serviceCpuBefore = cpuMillis(service.pid());
            long benchCpuBefore = cpuMillis(ProcessHandle.current().pid());
            long loginsStart = System.nanoTime();
            double rate = loginRate(shop, clients, seconds);
            double loginSeconds = (System.nanoTime() - loginsStart) / 1e9;
            double serviceCores = (cpuMillis(service.pid()) - serviceCpuBefore) / 1000.0 / loginSeconds;
            double benchCores = (cpuMillis(ProcessHandle.current().pid()) - benchCpuBefore) / 1000.0 / loginSeconds;
            long blocked;
            try (var lines = Files.lines(log)) {
                blocked = lines.filter(line -> line.contains("has been blocked for")).count();
            }
            BenchSupport.stop(service);
            double floorAfter = argon2Floor(seconds);
            double floor = Math.max(floorBefore, floorAfter);
            System.out.printf("%n| measure | service (per s) | floor (per s) | ratio | target |%n|---|---:|---:|---:|---|%n");
            System.out.printf("| successful logins, %d clients, %d s | %.1f | %.1f (bare Argon2id verifications, %d threads;"
                    + " the better of %.1f before and %.1f after the service ran) | %.2f | >= 0.85 |%n", CLIENTS, seconds,
                    rate, floor, CLIENTS, floorBefore, floorAfter, rate / floor);
            System.out.printf("%nDuring the login run the service used %.2f cores (%.1f ms of CPU per login), the clients %.2f;"
                    + " the floor's verification costs %.1f ms of CPU.%n", serviceCores, 1000 * serviceCores / rate,
                    benchCores, 1000.0 * Runtime.getRuntime().availableProcessors() / floor);
            System.out.printf("Blocked-thread warnings in the service log during the run: %d (%s)%n", blocked, log);
        } finally {
            service.destroy();
            notification.stop(0);
        }
        System.exit(0);
    }

    /** CPU time (user + system) the process has used so far, from /proc (Linux). */
    private static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10; // clock ticks of 10 ms
    }

    /** Bare Argon2id verifications per second with {@value #CLIENTS} threads, after a warm-up. */
    private static double argon2Floor(int seconds) throws Exception {
        Argon2Function argon2 = Argon2Function.getInstance(19456, 2, 1, 32, Argon2.ID);
        String hash = Password.hash(PASSWORD).addRandomSalt(16).with(argon2).getResult();
        closedLoop(CLIENTS, 10, i -> Password.check(PASSWORD, hash).with(argon2)); // JIT warm-up
        return closedLoop(CLIENTS, seconds, i -> {
            if (!Password.check(PASSWORD, hash).with(argon2)) {
                throw new IllegalStateException("the floor's password did not verify");
            }
            return true;
        });
    }

    private double loginRate(String shop, List<String> accounts, int seconds) throws Exception {
        return closedLoop(accounts.size(), seconds, client -> {
            int status = loginCall(shop, accounts.get(client), PASSWORD);
            if (status != 200) {
                throw new IllegalStateException("login answered " + status);
            }
            return true;
        });
    }

    /** Runs {@code work} in {@code threads} closed loops for {@code seconds}; answers completions per second. */
    private static double closedLoop(int threads, int seconds, CheckedWork work) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong done = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(threads);
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int client = t;
            Thread.ofPlatform().start(() -> {
                try {
                    while (running.get()) {
                        work.run(client);
                        done.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
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
        return counted / elapsed;
    }

    @FunctionalInterface
    private interface CheckedWork {
        Object run(int client) throws Exception;
    }

    /** Rounds of every call before the enumeration timing; BENCH_WARMUP_ROUNDS (default 30) to study JIT warm-up. */
    private void warmUp(String shop, String taken, String unverified, String lockedOut) throws Exception {
        int rounds = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP_ROUNDS", "30"));
        for (int i = 0; i < rounds; i++) {
            signupCall(shop, taken);
            signupCall(shop, "warm" + i + "@" + shop + ".example");
            resendCall(shop, unverified);
            resendCall(shop, "warm" + i + "@" + shop + ".example");
            forgotCall(shop, taken);
            forgotCall(shop, "warm" + i + "@" + shop + ".example");
            loginCall(shop, lockedOut, WRONG_PASSWORD);
            loginCall(shop, "warm" + i + "@" + shop + ".example", WRONG_PASSWORD);
        }
    }

    private void compare(String name, int n, IntFunction<Integer> existing, IntFunction<Integer> missing) {
        double[] withAccount = new double[n];
        double[] without = new double[n];
        for (int i = 0; i < n; i++) {
            if (i % 2 == 0) {
                withAccount[i] = timed(existing, i);
                without[i] = timed(missing, i);
            } else {
                without[i] = timed(missing, i);
                withAccount[i] = timed(existing, i);
            }
        }
        double a = median(withAccount);
        double b = median(without);
        double difference = Math.abs(a - b);
        System.out.printf("| %s | %.2f | %.2f | %.2f | %.1f%% | < 5 ms and < 5%% |%n", name, a, b, difference,
                100 * difference / Math.max(a, b));
    }

    private static double timed(IntFunction<Integer> call, int i) {
        long start = System.nanoTime();
        call.apply(i);
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private int signupCall(String shop, String email) {
        return expect(post("/api/v1/auth/signup", "{\"tenant\":\"" + shop + "\",\"email\":\"" + email
                + "\",\"password\":\"" + PASSWORD + "\",\"name\":\"Bench\"}"), 202);
    }

    private int resendCall(String shop, String email) {
        return expect(post("/api/v1/auth/resend-verification", "{\"tenant\":\"" + shop + "\",\"email\":\"" + email
                + "\"}"), 202);
    }

    private int forgotCall(String shop, String email) {
        return expect(post("/api/v1/auth/forgot-password", "{\"tenant\":\"" + shop + "\",\"email\":\"" + email
                + "\"}"), 202);
    }

    private int loginCall(String shop, String email, String password) {
        return post("/api/v1/auth/login", "{\"tenant\":\"" + shop + "\",\"email\":\"" + email + "\",\"password\":\""
                + password + "\"}");
    }

    /** Waits for the verification email to {@code email} at the stub and uses its token. */
    private void verify(String email) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!verificationTokens.containsKey(email)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no verification email for " + email);
            }
            Thread.sleep(20);
        }
        post("/api/v1/auth/verify-email", "{\"token\":\"" + verificationTokens.get(email) + "\"}", 200);
    }

    private void post(String path, String json, int expected) {
        expect(post(path, json), expected);
    }

    private int post(String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int expect(int status, int expected) {
        if (status != expected) {
            throw new IllegalStateException("expected " + expected + " but the service answered " + status);
        }
        return status;
    }

    /** notification-service's intake: 202 to everything, remembering the newest verification token per address. */
    private HttpServer notificationStub() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/internal/v1/emails", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Matcher email = VERIFY_EMAIL.matcher(body);
                Matcher token = TOKEN.matcher(body);
                if (email.find() && token.find()) {
                    verificationTokens.put(email.group(1) != null ? email.group(1) : email.group(2), token.group(1));
                }
            }
            byte[] answer = "{\"status\":\"queued\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(202, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().factory()));
        server.start();
        return server;
    }
}
