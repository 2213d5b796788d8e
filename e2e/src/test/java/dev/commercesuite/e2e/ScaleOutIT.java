package dev.commercesuite.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import dev.commercesuite.defaults.testing.LocalPostgres;
import dev.commercesuite.defaults.testing.PackagedService;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The suite scaled out on one machine ({@code ./suite up --replicas 2}): two of every service on one PostgreSQL and
 * one Redis, two gateways whose upstream lists name both replicas of each service. What must hold once there is more
 * than one of everything: the gateways share their rate limits, every outbox row becomes one email, a scheduled job
 * runs on one replica at a time, and a session started on one replica goes on on the other.
 *
 * <p>The gateways trust 127.0.0.1 as a proxy, so each scenario names its own client address in
 * {@code X-Forwarded-For}: rate-limit counters in Redis outlive a run, and every run starts from fresh addresses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScaleOutIT {

    private static final String PASSWORD = "Quiet-Harbor-Lantern-42";
    /** gateway's application.properties: sign-ups (and new shops) per client address per hour. */
    private static final int SIGN_UP_LIMIT = 5;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunningSuite suite;
    private Mailbox mail;

    /** A failing scenario shows what the eight services logged (in the test's output file). */
    @RegisterExtension
    final TestWatcher logsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (suite != null) {
                System.out.println("----- the services' logs after " + context.getDisplayName() + "\n" + suite.logs());
            }
        }
    };
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String slug = "replicas-" + run;
    private String productId;

    @BeforeAll
    void startTwoOfEverything() throws Exception {
        suite = RunningSuite.startReplicated(Map.of("GATEWAY_TRUSTED_PROXIES", "127.0.0.1/32"), Map.of(
                // the stale-order job every second on both replicas, a few orders per transaction
                "ORDER_STALE_ORDERS_CRON", "* * * * * ?",
                "ORDER_STALE_ORDERS_BATCH_SIZE", "2"));
        mail = new Mailbox(suite.smtp);
        String adminEmail = "ada-" + run + "@example.com";
        json(0, newClient()).body(Map.of("name", "Replicated Engines", "slug", slug, "adminEmail", adminEmail,
                "adminPassword", PASSWORD, "adminName", "Ada")).post("/api/v1/tenants").then().statusCode(201);
        String admin = verifiedLogin(adminEmail, 0, 1).getString("accessToken");
        productId = json(1, newClient()).auth().oauth2(admin).body(Map.of("sku", "GEAR-1", "name", "Brass gear",
                "price", 1250, "currency", "EUR", "active", true, "stock", 1000)).post("/api/v1/products")
                .then().statusCode(201).extract().path("id");
    }

    @AfterAll
    void stopTheSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void bothGatewaysTogetherAllowExactlyThePolicysLimit() {
        String client = newClient();
        List<Integer> answers = new ArrayList<>();
        for (int i = 0; i < 2 * SIGN_UP_LIMIT; i++) {
            answers.add(json(i % 2, client).body(Map.of("tenant", slug, "email", "limit-" + i + "-" + run
                    + "@example.com", "password", PASSWORD, "name", "Limit")).post("/api/v1/auth/signup")
                    .then().extract().statusCode());
        }

        // alternating gateways: each saw five requests; with counts of their own each would have let all five in
        assertEquals(List.of(202, 202, 202, 202, 202, 429, 429, 429, 429, 429), answers);
    }

    @Test
    void eachOutboxRowBecomesOneEmailWhicheverReplicasWroteAndRelayedIt() throws SQLException {
        int signUps = 10;
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < signUps; i++) {
            String email = "outbox-" + i + "-" + run + "@example.com";
            recipients.add(email);
            json(i % 2, newClient()).body(Map.of("tenant", slug, "email", email, "password", PASSWORD,
                    "name", "Outbox")).post("/api/v1/auth/signup").then().statusCode(202);
        }
        for (PackagedService identity : suite.identities) {
            assertTrue(metric(identity, "http_server_requests_seconds_count", "uri=\"/api/v1/auth/signup\"") > 0,
                    "each identity replica took sign-ups (and wrote their outbox rows)");
        }

        Awaitility.await("every sign-up's outbox row sent").atMost(Duration.ofSeconds(30))
                .until(() -> count("identity_scale", "SELECT count(*) FROM outbox WHERE status = 'sent'"
                        + " AND destination = 'notification.email' AND payload LIKE ?",
                        "%outbox-%-" + run + "@example.com%") == signUps);
        Awaitility.await("an email per sign-up").atMost(Duration.ofSeconds(30))
                .until(() -> received(recipients).size() == signUps);

        // the relays are idle now: whatever was going to arrive has arrived
        List<MimeMessage> received = received(recipients);
        assertEquals(signUps, received.size(), "one email per outbox row, none twice");
        Set<String> ids = new HashSet<>();
        Set<String> addressed = new HashSet<>();
        for (MimeMessage message : received) {
            ids.add(header(message, "X-Commerce-Suite-Email-Id"));
            addressed.add(header(message, "To"));
        }
        assertEquals(signUps, ids.size(), "every email has an id of its own: " + ids);
        assertEquals(signUps, addressed.size(), "every recipient got one: " + addressed);
    }

    @Test
    void aStaleOrderIsCancelledOnceWhileTheOtherReplicaStandsBack() throws SQLException {
        int count = 6;
        List<String> orderIds = new ArrayList<>();
        List<String> guests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String guest = "stale-" + i + "-" + run + "@example.com";
            guests.add(guest);
            orderIds.add(json(i % 2, newClient()).header("Idempotency-Key", "stale-" + i + "-" + run)
                    .body(Map.of("tenant", slug, "email", guest, "name", "Guest",
                            "items", List.of(Map.of("productId", productId, "quantity", 1))))
                    .post("/api/v1/orders").then().statusCode(201).extract().path("id"));
        }
        double skippedBefore = jobRuns("skipped");

        // placed two days ago: every replica's next run finds them all stale at once
        try (Connection orders = connect("orders_scale");
                PreparedStatement backdate = orders.prepareStatement("UPDATE orders SET created_at = created_at"
                        + " - interval '2 days' WHERE id = ANY (?::uuid[])")) {
            backdate.setArray(1, orders.createArrayOf("text", orderIds.toArray()));
            assertEquals(count, backdate.executeUpdate());
        }

        Awaitility.await("every stale order cancelled").atMost(Duration.ofSeconds(30))
                .until(() -> count("orders_scale", "SELECT count(*) FROM orders WHERE status = 'cancelled'"
                        + " AND id::text = ANY (string_to_array(?, ','))", String.join(",", orderIds)) == count);
        for (String orderId : orderIds) {
            assertEquals(1, count("orders_scale", "SELECT count(*) FROM order_events WHERE status = 'cancelled'"
                    + " AND order_id = ?::uuid", orderId), "one cancellation of order " + orderId);
        }
        Awaitility.await("a cancellation email per order").atMost(Duration.ofSeconds(60))
                .until(() -> guests.stream().allMatch(guest -> cancellations(guest) >= 1));
        Awaitility.await("the cancellations' outbox rows sent").atMost(Duration.ofSeconds(30))
                .until(() -> count("orders_scale", "SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')"
                        + " AND payload LIKE ?", "%stale-%-" + run + "@example.com%") == 0);
        for (String guest : guests) {
            assertEquals(1, cancellations(guest), "one cancellation email to " + guest);
        }
        // the job fires on both replicas each second: whenever both fire while one works, the other stands back
        Awaitility.await("a run skipped because the other replica held the job's lock").atMost(Duration.ofSeconds(60))
                .until(() -> jobRuns("skipped") > skippedBefore);
    }

    @Test
    void aSessionStartedThroughOneGatewayGoesOnThroughTheOtherAndEveryReplica() {
        String email = "session-" + run + "@example.com";
        String client = newClient();
        json(0, client).body(Map.of("tenant", slug, "email", email, "password", PASSWORD, "name", "Charles"))
                .post("/api/v1/auth/signup").then().statusCode(202);
        JsonPath login = verifiedLogin(email, 1, 0);

        // refreshed through gateway 2, then at each identity replica in turn: each rotation is honoured by the next
        JsonPath refreshed = refresh(json(1, client), login.getString("refreshToken"));
        List<String> accessTokens = new ArrayList<>(List.of(login.getString("accessToken"),
                refreshed.getString("accessToken")));
        String refreshToken = refreshed.getString("refreshToken");
        for (int replica : new int[] {1, 0}) {
            JsonPath direct = refresh(given().contentType(ContentType.JSON)
                    .baseUri("http://127.0.0.1").port(suite.identities.get(replica).port()), refreshToken);
            accessTokens.add(direct.getString("accessToken"));
            refreshToken = direct.getString("refreshToken");
        }

        for (String accessToken : accessTokens) {
            for (PackagedService order : suite.orders) {
                given().baseUri("http://127.0.0.1").port(order.port()).auth().oauth2(accessToken)
                        .get("/api/v1/orders").then().statusCode(200);
            }
            for (int gateway = 0; gateway < suite.gateways.size(); gateway++) {
                json(gateway, client).auth().oauth2(accessToken).get("/api/v1/users/me")
                        .then().statusCode(200).body("email", equalTo(email));
            }
        }
    }

    private static JsonPath refresh(RequestSpecification request, String refreshToken) {
        return request.body(Map.of("refreshToken", refreshToken)).post("/api/v1/auth/refresh")
                .then().statusCode(200).extract().jsonPath();
    }

    /** Verifies {@code email} through one gateway and logs in through another; the login's answer. */
    private JsonPath verifiedLogin(String email, int verifyThrough, int loginThrough) {
        String token = mail.await(email, "Confirm your email address").token();
        String client = newClient();
        json(verifyThrough, client).body(Map.of("token", token)).post("/api/v1/auth/verify-email")
                .then().statusCode(200);
        return json(loginThrough, client).body(Map.of("tenant", slug, "email", email, "password", PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(200).extract().jsonPath();
    }

    /** A JSON request to gateway replica {@code gateway} (0 or 1) from the client address {@code client}. */
    private RequestSpecification json(int gateway, String client) {
        return given().baseUri("http://127.0.0.1").port(suite.gateways.get(gateway).port())
                .header("X-Forwarded-For", client).contentType(ContentType.JSON);
    }

    /** A client address no run has used: rate-limit counters in Redis outlive a run. */
    private static String newClient() {
        return "10." + RANDOM.nextInt(256) + "." + RANDOM.nextInt(256) + "." + (1 + RANDOM.nextInt(254));
    }

    private List<MimeMessage> received(List<String> recipients) {
        return Arrays.stream(suite.smtp.getReceivedMessages())
                .filter(message -> recipients.contains(header(message, "To"))).toList();
    }

    private long cancellations(String guest) {
        return mail.all(guest).stream().filter(email -> email.subject().contains("cancelled")).count();
    }

    private static String header(MimeMessage message, String name) {
        try {
            String value = message.getHeader(name, ",");
            return value == null ? "" : value.trim();
        } catch (MessagingException e) {
            throw new AssertionError("cannot read " + name, e);
        }
    }

    /** Both order replicas' count of stale-order job runs with {@code outcome}. */
    private double jobRuns(String outcome) {
        double runs = 0;
        for (PackagedService order : suite.orders) {
            runs += metric(order, "order_jobs_runs_total", "job=\"stale-orders\"", "outcome=\"" + outcome + "\"");
        }
        return runs;
    }

    /** The sum of the Prometheus samples of {@code name} whose labels contain every one of {@code labels}. */
    private static double metric(PackagedService service, String name, String... labels) {
        String text;
        try {
            text = HTTP.send(HttpRequest.newBuilder(service.uri("/q/metrics")).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException e) {
            throw new AssertionError("no metrics from " + service.uri("/q/metrics"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") && Arrays.stream(labels).allMatch(line::contains)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private static long count(String database, String sql, String parameter) throws SQLException {
        try (Connection connection = connect(database);
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(LocalPostgres.jdbcUrl(database), LocalPostgres.user(), null);
    }
}
