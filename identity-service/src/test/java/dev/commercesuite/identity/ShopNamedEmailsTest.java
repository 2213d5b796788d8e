package dev.commercesuite.identity;

import static dev.commercesuite.identity.Shops.PASSWORD;
import static dev.commercesuite.identity.Shops.login;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Every email identity sends names the shop it is sent for ({@code shopName}: the heading and the From display name
 * notification-service gives it), never the suite: verification, welcome, account exists, password reset, password
 * changed (by reset and by change) and account locked.
 */
@QuarkusTest
class ShopNamedEmailsTest {

    private static final String SHOP_NAME = "Café Ünïcode & Söhne";

    @Inject
    DataSource dataSource;

    private CapturedEmails emails;
    private String slug;
    private String admin;

    @BeforeEach
    void shop() {
        emails = CapturedEmails.accepting();
        slug = "shop-" + UUID.randomUUID().toString().substring(0, 8);
        admin = "owner-" + slug + "@example.com";
        given().contentType("application/json").body(Map.of("name", SHOP_NAME, "slug", slug, "adminEmail", admin,
                "adminPassword", PASSWORD, "adminName", "Owner"))
                .when().post("/api/v1/tenants").then().statusCode(201);
    }

    @Test
    void everyAccountEmailIsSentForTheShop() throws Exception {
        assertNamesTheShop(emails.await(admin, "verify-email"));
        Shops.verify(emails, admin);
        assertNamesTheShop(emails.await(admin, "welcome"));

        // a sign-up with the taken address: the owner hears of it, from the shop, which the email names by its name
        Shops.signup(slug, admin).then().statusCode(202);
        JsonNode exists = emails.await(admin, "account-exists");
        assertNamesTheShop(exists);
        assertEquals(SHOP_NAME, exists.path("data").path("shopName").asText());

        Shops.forgotPassword(slug, admin).then().statusCode(202);
        JsonNode reset = emails.await(admin, "password-reset");
        assertNamesTheShop(reset);
        String newPassword = "Brass-Gear-Meadow-77";
        Shops.resetPassword(reset.path("data").path("token").asText(), newPassword).then().statusCode(200);
        assertNamesTheShop(emails.await(admin, "password-changed"));

        String token = login(slug, admin, newPassword).then().statusCode(200).extract().path("accessToken");
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("currentPassword", newPassword, "newPassword", PASSWORD))
                .when().post("/api/v1/users/me/password").then().statusCode(204);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> emails.all(admin, "password-changed").size() == 2);
        emails.all(admin, "password-changed").forEach(ShopNamedEmailsTest::assertNamesTheShop);

        for (int i = 0; i < 5; i++) {
            login(slug, admin, "Wrong-Guess-Number-" + i).then().statusCode(401);
        }
        assertNamesTheShop(emails.await(admin, "account-locked"));
    }

    @Test
    void aShopNameMustBeOneLine() {
        given().contentType("application/json").body(Map.of("name", "Shop\r\nBcc: victim@example.com",
                "slug", "x" + slug, "adminEmail", "x" + admin, "adminPassword", PASSWORD, "adminName", "Owner"))
                .when().post("/api/v1/tenants").then().statusCode(400).body("errors.field", hasItem("name"));
    }

    private static void assertNamesTheShop(JsonNode email) {
        assertEquals(SHOP_NAME, email.path("shopName").asText(), email.toString());
    }
}
