package dev.commercesuite.order;

import static dev.commercesuite.order.OrderFixtures.guestOrder;
import static dev.commercesuite.order.OrderFixtures.slug;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.testing.CapturedEmails;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Many orders at the same instant (a thread per request, released together by a latch): stock never goes below
 * zero, a tier limit is never passed, one Idempotency-Key places one order, and order numbers have no gaps.
 */
@QuarkusTest
class OrderRaceTest {

    private static ExecutorService pool;
    private static HttpClient http;

    @Inject
    DataSource dataSource;

    OrderFixtures db;

    @BeforeAll
    static void startClients() {
        pool = Executors.newFixedThreadPool(120);
        http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(16))
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stopClients() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void setUp() {
        CapturedEmails.accepting();
        db = new OrderFixtures(dataSource);
    }

    /** One answer: its status and body. */
    record Answer(int status, String body, String replayed) {
    }

    /** Sends {@code count} requests at once ({@code request.apply(i)} is the i-th body and key); answers by status. */
    private List<Answer> atOnce(int count, IntFunction<HttpRequest> request) throws Exception {
        CountDownLatch ready = new CountDownLatch(count);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpRequest built = request.apply(i);
            answers.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
                return new Answer(response.statusCode(), response.body(),
                        response.headers().firstValue("Idempotent-Replayed").orElse(null));
            }));
        }
        assertTrue(ready.await(30, TimeUnit.SECONDS));
        go.countDown();
        List<Answer> done = new ArrayList<>();
        for (Future<Answer> answer : answers) {
            done.add(answer.get(120, TimeUnit.SECONDS));
        }
        return done;
    }

    private static HttpRequest order(String body, String key) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + OrderFixtures.ORDERS))
                .header("Content-Type", "application/json").header(OrderFixtures.KEY, key)
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static Map<Integer, Long> byStatus(List<Answer> answers) {
        Map<Integer, Long> statuses = new TreeMap<>();
        answers.forEach(answer -> statuses.merge(answer.status(), 1L, Long::sum));
        return statuses;
    }

    @Test
    void hundredOrdersForFiftyInStockPlaceExactlyFiftyAndNumberThemWithoutGaps() throws Exception {
        String slug = slug("race-stock");
        UUID shop = IdentityStub.activeShop(slug, "pro");
        UUID product = db.product(shop, 990, 50);

        List<Answer> answers = atOnce(100, i -> order(guestOrder(slug, "race" + i + "@example.com", "Racer " + i,
                product, 1), UUID.randomUUID().toString()));

        assertEquals(Map.of(201, 50L, 409, 50L), byStatus(answers), answers.stream()
                .filter(answer -> answer.status() != 201 && answer.status() != 409).findFirst().map(Answer::body)
                .orElse(""));
        assertTrue(answers.stream().filter(answer -> answer.status() == 409)
                .allMatch(answer -> answer.body().contains("/problems/out-of-stock")));
        assertEquals(0, db.stock(product));
        assertEquals(50, db.ordersOf(shop));
        assertEquals(LongStream.rangeClosed(1001, 1050).boxed().toList(), db.orderNumbers(shop),
                "numbers 1001 to 1050, none skipped by the refused orders");
        assertEquals(50, db.count("SELECT count(*) FROM monthly_order_counts m WHERE tenant_id = ? AND orders = 50",
                shop) * 50);
    }

    @Test
    void hundredTwentyOrdersOnAStarterShopWithTwentyLeftPlaceExactlyTwenty() throws Exception {
        String slug = slug("race-limit");
        UUID shop = IdentityStub.activeShop(slug, "starter");
        UUID product = db.product(shop, 990, null);
        LocalDate month = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
        db.execute("INSERT INTO monthly_order_counts (tenant_id, month, orders) VALUES (?, ?, 80)", shop, month);

        List<Answer> answers = atOnce(120, i -> order(guestOrder(slug, "limit" + i + "@example.com", "Limit " + i,
                product, 1), UUID.randomUUID().toString()));

        assertEquals(Map.of(201, 20L, 403, 100L), byStatus(answers));
        assertTrue(answers.stream().filter(answer -> answer.status() == 403)
                .allMatch(answer -> answer.body().contains("/problems/order-limit-reached")));
        assertEquals(20, db.ordersOf(shop));
        assertEquals(100, db.count("SELECT orders FROM monthly_order_counts WHERE tenant_id = ? AND month = ?", shop,
                month));
        assertEquals(LongStream.rangeClosed(1001, 1020).boxed().toList(), db.orderNumbers(shop));
    }

    @Test
    void oneKeyTwentyTimesAtOncePlacesOneOrder() throws Exception {
        String slug = slug("race-key");
        UUID shop = IdentityStub.activeShop(slug, "pro");
        UUID product = db.product(shop, 990, 100);
        String key = UUID.randomUUID().toString();
        String body = guestOrder(slug, "once@example.com", "Once", product, 2);

        List<Answer> answers = atOnce(20, i -> order(body, key));

        List<Answer> created = answers.stream().filter(answer -> answer.status() == 201).toList();
        assertTrue(created.stream().filter(answer -> answer.replayed() == null).count() == 1,
                "exactly one request placed the order: " + byStatus(answers));
        assertTrue(answers.stream().allMatch(answer -> answer.status() == 201 || (answer.status() == 409
                && answer.body().contains("/problems/idempotency-key-in-use"))), byStatus(answers).toString());
        assertTrue(created.stream().map(Answer::body).distinct().count() == 1, "every replay is the first answer");
        assertEquals(1, db.ordersOf(shop));
        assertEquals(98, db.stock(product));
        assertEquals(1, db.count("SELECT count(*) FROM idempotency_records WHERE tenant_id = ?", shop));
    }
}
