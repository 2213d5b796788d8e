package dev.commercesuite.identity;

import static dev.commercesuite.identity.Shops.PASSWORD;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The account pages are headed by the shop they know (from {@code ?shop=}, the verification token or the reset
 * token), escaped like any other text; a page that knows no shop is headed by the suite.
 */
@QuarkusTest
class ShopNamedPagesTest {

    private static final String SHOP_HEADING = "<p class=\"shop\">Café &lt;Ünïcode&gt; &amp; Söhne</p>";
    private static final String SUITE_HEADING = "<p class=\"shop\">Commerce Suite</p>";

    private CapturedEmails emails;
    private String slug;
    private String admin;

    @BeforeEach
    void shop() {
        emails = CapturedEmails.accepting();
        slug = "shop-" + UUID.randomUUID().toString().substring(0, 8);
        admin = "owner-" + slug + "@example.com";
        given().contentType("application/json").body(Map.of("name", "Café <Ünïcode> & Söhne", "slug", slug,
                "adminEmail", admin, "adminPassword", PASSWORD, "adminName", "Owner"))
                .when().post("/api/v1/tenants").then().statusCode(201);
    }

    @Test
    void theForgotPasswordPageNamesTheShopInItsAddress() {
        given().when().get("/forgot-password?shop=" + slug).then().statusCode(200)
                .body(containsString(SHOP_HEADING))
                .body(containsString("<title>Forgot your password · Café &lt;Ünïcode&gt; &amp; Söhne</title>"))
                .body(not(containsString("Café <Ünïcode>")));
        given().when().get("/forgot-password").then().statusCode(200).body(containsString(SUITE_HEADING));
        given().when().get("/forgot-password?shop=no-such-" + slug).then().statusCode(200)
                .body(containsString(SUITE_HEADING));
        given().when().get("/forgot-password?shop=" + UUID.randomUUID()).then().statusCode(200)
                .body(containsString(SUITE_HEADING));
    }

    @Test
    void theVerificationAndResetPagesNameTheShopOfTheirToken() {
        String verification = emails.verificationToken(admin);
        given().when().get("/verify-email?token=" + verification).then().statusCode(200)
                .body(containsString("Your email address is confirmed")).body(containsString(SHOP_HEADING));
        // used up: the page no longer knows whose it was
        given().when().get("/verify-email?token=" + verification).then().statusCode(400)
                .body(containsString(SUITE_HEADING));

        Shops.forgotPassword(slug, admin).then().statusCode(202);
        String reset = emails.await(admin, "password-reset").path("data").path("token").asText();
        given().when().get("/reset-password?token=" + reset).then().statusCode(200)
                .body(containsString("Choose a new password")).body(containsString(SHOP_HEADING));
        // a well-formed token that resets nothing shows the form under the suite's name, as before
        given().when().get("/reset-password?token=" + "A".repeat(43)).then().statusCode(200)
                .body(containsString(SUITE_HEADING));
    }
}
