package dev.commercesuite.identity;

import static dev.commercesuite.identity.Shops.PASSWORD;
import static dev.commercesuite.identity.Shops.resend;
import static dev.commercesuite.identity.Shops.signup;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Sign-up answers the same whatever the address, and verification works once. */
@QuarkusTest
class SignupTest {

    @Inject
    DataSource dataSource;

    private Sql sql;
    private CapturedEmails emails;
    private String shop;

    @BeforeEach
    void shop() {
        sql = new Sql(dataSource);
        emails = CapturedEmails.accepting();
        shop = Shops.create().slug();
    }

    @Test
    void newCustomerVerifiesOnceAndIsWelcomed() throws Exception {
        String email = "ada-" + shop + "@example.com";
        signup(shop, email).then().statusCode(202);
        String token = emails.verificationToken(email);
        assertEquals("customer|unverified", userState(email));

        given().contentType("application/json").body(Map.of("token", token))
                .when().post("/api/v1/auth/verify-email")
                .then().statusCode(200).body("status", equalTo("verified"));
        assertEquals("customer|verified", userState(email));
        emails.await(email, "welcome");

        // single use
        given().contentType("application/json").body(Map.of("token", token))
                .when().post("/api/v1/auth/verify-email")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://commercesuite.dev/problems/invalid-or-expired-token"));
    }

    @Test
    void takenUnknownAndNewAddressesGetByteIdenticalAnswers() throws Exception {
        String taken = "taken-" + shop + "@example.com";
        signup(shop, taken).then().statusCode(202);
        Response again = signup(shop, taken);
        Response fresh = signup(shop, "fresh-" + shop + "@example.com");
        Response unknownShop = signup("no-such-shop-" + shop, "x-" + shop + "@example.com");
        for (Response response : List.of(again, fresh, unknownShop)) {
            assertEquals(202, response.statusCode());
            assertEquals(fresh.asString(), response.asString());
        }
        // the owner of the taken address is told, instead of a second account being made
        emails.await(taken, "account-exists");
        assertEquals(1, sql.count("SELECT count(*) FROM users WHERE email = ?", taken));
    }

    @Test
    void resendVoidsTheOlderLinkAndAnswersTheSameForEveryAddress() throws Exception {
        String email = "resend-" + shop + "@example.com";
        signup(shop, email).then().statusCode(202);
        String first = emails.verificationToken(email);

        Response resent = resend(shop, email);
        Response unknown = resend(shop, "nobody-" + shop + "@example.com");
        assertEquals(202, resent.statusCode());
        assertEquals(resent.asString(), unknown.asString());
        Awaitility.await("a second verification email").atMost(Duration.ofSeconds(20))
                .until(() -> tokens(email).size() == 2);
        String second = tokens(email).stream().filter(t -> !t.equals(first)).findFirst().orElseThrow();

        given().contentType("application/json").body(Map.of("token", first))
                .when().post("/api/v1/auth/verify-email").then().statusCode(400);
        given().contentType("application/json").body(Map.of("token", second))
                .when().post("/api/v1/auth/verify-email").then().statusCode(200);
    }

    @Test
    void malformedUnknownAndUsedTokensGetTheSameAnswer() {
        for (String token : List.of("short", "A".repeat(43), "../../etc/passwd" + "x".repeat(27))) {
            given().contentType("application/json").body(Map.of("token", token))
                    .when().post("/api/v1/auth/verify-email")
                    .then().statusCode(400)
                    .body("type", equalTo("https://commercesuite.dev/problems/invalid-or-expired-token"));
        }
    }

    @Test
    void weakPasswordsAndBadAddressesAre400() {
        given().contentType("application/json").body(Map.of("tenant", shop, "email", "ada@example.com",
                "password", "password", "name", "Ada"))
                .when().post("/api/v1/auth/signup")
                .then().statusCode(400).body("errors.field", hasItem("password"));
        given().contentType("application/json").body(Map.of("tenant", shop, "email", "Ada <ada@example.com>",
                "password", PASSWORD, "name", "Ada"))
                .when().post("/api/v1/auth/signup")
                .then().statusCode(400).body("errors.field", hasItem("email"));
    }

    private List<String> tokens(String to) {
        return emails.all(to, "verify-email").stream().map(email -> email.path("data").path("token").asText()).toList();
    }

    private String userState(String email) throws Exception {
        return sql.single("SELECT role || '|' || CASE WHEN email_verified_at IS NULL THEN 'unverified' ELSE 'verified'"
                + " END FROM users WHERE email = ?", email);
    }
}
