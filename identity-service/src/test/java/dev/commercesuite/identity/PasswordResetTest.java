package dev.commercesuite.identity;

import static dev.commercesuite.identity.Shops.PASSWORD;
import static dev.commercesuite.identity.Shops.forgotPassword;
import static dev.commercesuite.identity.Shops.login;
import static dev.commercesuite.identity.Shops.refresh;
import static dev.commercesuite.identity.Shops.resetPassword;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.testing.MovableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Forgotten passwords: the link, its single use and lifetime, what a reset undoes, and the rate cap. */
@QuarkusTest
class PasswordResetTest extends VerifiedShopTests {

    private static final String NEW_PASSWORD = "Bright-Meadow-Compass-77";
    private static final String INVALID_TOKEN = "https://commercesuite.dev/problems/invalid-or-expired-token";

    @Inject
    MovableClock time;

    @AfterEach
    void realTime() {
        time.reset();
    }

    @Test
    void resetSetsTheNewPasswordSignsOutEverySessionAndClearsTheLockout() throws Exception {
        String session = login(shop.slug(), shop.admin(), PASSWORD).then().statusCode(200)
                .extract().path("refreshToken");
        for (int i = 0; i < 5; i++) {
            login(shop.slug(), shop.admin(), "Wrong-Password-" + i).then().statusCode(401); // locked out
        }

        forgotPassword(shop.slug(), shop.admin()).then().statusCode(202);
        String token = resetToken(shop.admin(), 1);
        resetPassword(token, NEW_PASSWORD).then().statusCode(200).body("status", equalTo("password-changed"));

        refresh(session).then().statusCode(401);
        login(shop.slug(), shop.admin(), PASSWORD).then().statusCode(401);
        login(shop.slug(), shop.admin(), NEW_PASSWORD).then().statusCode(200);
        emails.await(shop.admin(), "password-changed");
        assertEquals("password-reset.requested,password.reset", sql.single("SELECT string_agg(action, ','"
                + " ORDER BY created_at) FROM audit_events WHERE tenant_id = ?::uuid AND action LIKE 'password%'",
                shop.id()));
        assertEquals("1", sql.single("SELECT metadata->>'sessionsRevoked' FROM audit_events"
                + " WHERE tenant_id = ?::uuid AND action = 'password.reset'", shop.id()));
        // single use
        resetPassword(token, "Another-Meadow-Compass-88").then().statusCode(400).body("type", equalTo(INVALID_TOKEN));
    }

    @Test
    void aNewerLinkVoidsTheOlderOneAndALinkExpiresAfterAnHour() throws Exception {
        forgotPassword(shop.slug(), shop.admin()).then().statusCode(202);
        String first = resetToken(shop.admin(), 1);
        forgotPassword(shop.slug(), shop.admin()).then().statusCode(202);
        String second = resetToken(shop.admin(), 2);

        resetPassword(first, NEW_PASSWORD).then().statusCode(400).body("type", equalTo(INVALID_TOKEN));
        time.advance(Duration.ofMinutes(61));
        Response expired = resetPassword(second, NEW_PASSWORD);
        Response unknown = resetPassword("A".repeat(43), NEW_PASSWORD);
        Response malformed = resetPassword("../../etc/passwd", NEW_PASSWORD);
        for (Response answer : List.of(expired, unknown, malformed)) {
            answer.then().statusCode(400).contentType("application/problem+json").body("type", equalTo(INVALID_TOKEN));
        }
        time.reset();
        resetPassword(second, NEW_PASSWORD).then().statusCode(200); // expiry was the only reason
    }

    @Test
    void aPasswordThePolicyRefusesLeavesTheLinkUsable() throws Exception {
        forgotPassword(shop.slug(), shop.admin()).then().statusCode(202);
        String token = resetToken(shop.admin(), 1);
        resetPassword(token, "password").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("password"));
        resetPassword(token, shop.slug() + "-Harbor-42").then().statusCode(400).body("errors.field", hasItem("password"));
        resetPassword(token, NEW_PASSWORD).then().statusCode(200);
    }

    @Test
    void twoConcurrentResetsWithOneTokenSucceedOnce() throws Exception {
        forgotPassword(shop.slug(), shop.admin()).then().statusCode(202);
        String token = resetToken(shop.admin(), 1);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> racers = new ArrayList<>();
        for (String password : List.of(NEW_PASSWORD, "Other-Meadow-Compass-99")) {
            racers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return resetPassword(token, password).statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = racers.stream().map(CompletableFuture::join).sorted().toList();
        assertEquals(List.of(200, 400), statuses);
        assertEquals(1, sql.count("SELECT count(*) FROM audit_events WHERE tenant_id = ?::uuid"
                + " AND action = 'password.reset'", shop.id()));
    }

    @Test
    void atMostThreeLinksAnHourAndEveryAddressGetsTheSameAnswer() throws Exception {
        String unknown = "nobody-" + shop.slug() + "@example.com";
        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(forgotPassword(shop.slug(), shop.admin()));
        }
        answers.add(forgotPassword(shop.slug(), unknown));
        answers.add(forgotPassword("no-such-" + shop.slug(), unknown));
        for (Response answer : answers) {
            assertEquals(202, answer.statusCode());
            assertEquals(answers.get(0).asString(), answer.asString());
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> sql.count("SELECT count(*) FROM audit_events"
                + " WHERE tenant_id = ?::uuid AND action = 'password-reset.capped'", shop.id()) == 1);
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> emails.all(shop.admin(), "password-reset").size() == 3);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> sql.count("SELECT count(*) FROM audit_events"
                + " WHERE action = 'password-reset.ignored' AND request_id IS NOT NULL AND (tenant_id = ?::uuid"
                + " OR tenant_id IS NULL) AND created_at > now() - interval '1 minute'", shop.id()) >= 2);
        assertEquals(List.of(), emails.all(unknown, "password-reset"));
        // an hour later the owner can ask again
        time.advance(Duration.ofMinutes(61));
        forgotPassword(shop.slug(), shop.admin()).then().statusCode(202);
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> emails.all(shop.admin(), "password-reset").size() == 4);
    }

    @Test
    void badBodiesAre400ProblemsNeverServerErrors() {
        for (String body : List.of("{", "[]", "{\"tenant\":5,\"email\":[]}", "{\"tenant\":\"x\"}")) {
            given().contentType("application/json").body(body).when().post("/api/v1/auth/forgot-password")
                    .then().statusCode(400).contentType("application/problem+json");
        }
        for (String body : List.of("{", "{\"token\":null,\"password\":\"x\"}", "{\"token\":\"" + "A".repeat(300)
                + "\",\"password\":\"x\"}")) {
            given().contentType("application/json").body(body).when().post("/api/v1/auth/reset-password")
                    .then().statusCode(400).contentType("application/problem+json");
        }
        given().contentType("text/plain").body(Map.of("tenant", "x").toString())
                .when().post("/api/v1/auth/forgot-password").then().statusCode(415);
    }

    /** Waits for the {@code n}th password-reset email to {@code to} and answers its token. */
    private String resetToken(String to, int n) {
        Awaitility.await("password-reset " + n + " to " + to).atMost(Duration.ofSeconds(20))
                .until(() -> emails.all(to, "password-reset").size() >= n);
        return emails.all(to, "password-reset").get(n - 1).path("data").path("token").asText();
    }
}
