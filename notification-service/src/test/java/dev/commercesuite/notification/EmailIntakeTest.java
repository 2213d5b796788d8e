package dev.commercesuite.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.commercesuite.defaults.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class EmailIntakeTest {

    private static final String SERVICE = TestTokens.service("identity-service");

    @Test
    void acceptedEmailIsDeliveredWithSubjectRecipientAndBothParts() throws Exception {
        String to = unique("ada");
        String id = post(UUID.randomUUID().toString(), EmailSamples.request("verify-email", to))
                .statusCode(202)
                .header("Location", matchesPattern(".*/internal/v1/emails/[0-9a-f-]{36}"))
                .body("status", equalTo("queued"))
                .extract().path("id");

        MimeMessage message = awaitMessages(to, 1).get(0);
        assertEquals("Confirm your email address", message.getSubject());
        assertEquals(id, message.getHeader("X-Commerce-Suite-Email-Id")[0]);
        Multipart parts = (Multipart) message.getContent();
        String text = parts.getBodyPart(0).getContent().toString();
        String html = parts.getBodyPart(1).getContent().toString();
        assertTrue(parts.getBodyPart(0).isMimeType("text/plain"), parts.getBodyPart(0).getContentType());
        assertTrue(parts.getBodyPart(1).isMimeType("text/html"), parts.getBodyPart(1).getContentType());
        assertTrue(text.contains("https://shop.example.test/verify-email?token=" + EmailSamples.TOKEN), text);
        assertTrue(html.contains("Hello Ada Lovelace"), html);

        // the worker records the delivery right after the SMTP server accepted it
        Awaitility.await("the email to be marked sent").atMost(Duration.ofSeconds(10))
                .until(() -> "sent".equals(given().auth().oauth2(SERVICE).when().get("/internal/v1/emails/" + id)
                        .then().statusCode(200).extract().path("status")));
        given().auth().oauth2(SERVICE).when().get("/internal/v1/emails/" + id)
                .then().statusCode(200)
                .body("attempts", equalTo(1))
                .body("template", equalTo("verify-email"));
    }

    @Test
    void replayWithTheSameKeyReturnsTheSameEmailAndSendsOnce() {
        String to = unique("replay");
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = EmailSamples.request("welcome", to);
        String first = post(key, body).statusCode(202).extract().path("id");
        String second = post(key, body).statusCode(202).extract().path("id");
        assertEquals(first, second);
        awaitMessages(to, 1);
        // a replay after delivery still answers with the same email (once its bookkeeping caught up: sent), and
        // nothing more is sent
        Awaitility.await("the replay to report the email sent").atMost(Duration.ofSeconds(10))
                .until(() -> "sent".equals(post(key, body).statusCode(202).body("id", equalTo(first))
                        .extract().path("status")));
        Awaitility.await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2))
                .until(() -> SmtpServer.receivedBy(to).size() == 1);
    }

    @Test
    void sameKeyWithADifferentBodyIs422() {
        String key = UUID.randomUUID().toString();
        post(key, EmailSamples.request("welcome", unique("one"))).statusCode(202);
        problem(post(key, EmailSamples.request("welcome", unique("two"))), 422, "unprocessable");
    }

    @Test
    void keysAreScopedPerCallingService() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = EmailSamples.request("welcome", unique("scoped"));
        String mine = post(key, body).statusCode(202).extract().path("id");
        String theirs = given().auth().oauth2(TestTokens.service("order-service")).contentType("application/json")
                .header("Idempotency-Key", key).body(body)
                .when().post("/internal/v1/emails").then().statusCode(202).extract().path("id");
        assertTrue(!mine.equals(theirs));
        given().auth().oauth2(TestTokens.service("order-service")).when().get("/internal/v1/emails/" + mine)
                .then().statusCode(404);
    }

    @Test
    void unknownTemplateIs400() {
        Map<String, Object> body = new HashMap<>(EmailSamples.request("welcome", unique("x")));
        body.put("template", "newsletter");
        problem(post(UUID.randomUUID().toString(), body), 400, "validation-failed")
                .body("errors[0].field", equalTo("template"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-address", "ada@example.com\r\nBcc: victim@example.com",
            "Ada <ada@example.com>", "ada@example.com, eve@example.com", "ada@localhost", "\"ada\"@example.com",
            "ädä@example.com", " ada@example.com"})
    void invalidAddressIs400NamingTo(String to) {
        problem(post(UUID.randomUUID().toString(), EmailSamples.request("welcome", to)), 400, "validation-failed")
                .body("errors.field", hasItem("to"));
    }

    @Test
    void missingTemplateDataIsNamed() {
        Map<String, Object> body = new HashMap<>(EmailSamples.request("verify-email", unique("x")));
        body.put("data", Map.of("name", "Ada"));
        problem(post(UUID.randomUUID().toString(), body), 400, "validation-failed")
                .body("errors[0].field", equalTo("data.token"));
    }

    @Test
    void missingIdempotencyKeyIs400() {
        problem(given().auth().oauth2(SERVICE).contentType("application/json")
                .body(EmailSamples.request("welcome", unique("x"))).when().post("/internal/v1/emails"),
                400, "validation-failed")
                .body("errors[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void bodyOver64KibIs413() {
        Map<String, Object> body = new HashMap<>(EmailSamples.request("welcome", unique("x")));
        body.put("data", Map.of("name", "x".repeat(70 * 1024)));
        problem(post(UUID.randomUUID().toString(), body), 413, "payload-too-large");
    }

    @Test
    void wrongContentTypeIs415() {
        problem(given().auth().oauth2(SERVICE).contentType("text/plain").header("Idempotency-Key", "k-415")
                .body("hello").when().post("/internal/v1/emails"), 415, "unsupported-media-type");
    }

    @Test
    void malformedJsonIs400() {
        problem(given().auth().oauth2(SERVICE).contentType("application/json").header("Idempotency-Key", "k-bad")
                .body("{\"template\": ").when().post("/internal/v1/emails"), 400, "malformed-json");
    }

    @Test
    void noTokenIs401() {
        problem(given().contentType("application/json").header("Idempotency-Key", "k-401")
                .body(EmailSamples.request("welcome", unique("x"))).when().post("/internal/v1/emails"),
                401, "unauthorized")
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void forgedTokenIs401() {
        problem(given().auth().oauth2(TestTokens.forged("identity-service", "service")).contentType("application/json")
                .header("Idempotency-Key", "k-forged").body(EmailSamples.request("welcome", unique("x")))
                .when().post("/internal/v1/emails"), 401, "unauthorized");
    }

    @Test
    void userTokenIs403() {
        problem(given().auth().oauth2(TestTokens.user("u1", "tenant-a", "admin")).contentType("application/json")
                .header("Idempotency-Key", "k-403").body(EmailSamples.request("welcome", unique("x")))
                .when().post("/internal/v1/emails"), 403, "forbidden");
    }

    @Test
    void rejectedRequestsStoreNothing() {
        String to = unique("nothing");
        Map<String, Object> body = new HashMap<>(EmailSamples.request("verify-email", to));
        body.put("data", Map.of("name", "Ada"));
        post(UUID.randomUUID().toString(), body).statusCode(400);
        Awaitility.await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2))
                .until(() -> SmtpServer.receivedBy(to).isEmpty());
    }

    static ValidatableResponse post(String key, Map<String, Object> body) {
        return given().auth().oauth2(SERVICE).contentType("application/json").header("Idempotency-Key", key)
                .body(body).when().post("/internal/v1/emails").then();
    }

    static List<MimeMessage> awaitMessages(String to, int count) {
        Awaitility.await(count + " message(s) for " + to).atMost(Duration.ofSeconds(20))
                .until(() -> SmtpServer.receivedBy(to).size() >= count);
        return SmtpServer.receivedBy(to);
    }

    static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status, String slug) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo("https://commercesuite.dev/problems/" + slug));
    }

    private static ValidatableResponse problem(io.restassured.response.Response response, int status, String slug) {
        return problem(response.then(), status, slug);
    }
}
