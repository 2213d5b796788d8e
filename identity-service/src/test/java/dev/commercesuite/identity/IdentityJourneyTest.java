package dev.commercesuite.identity;

import static dev.commercesuite.identity.Shops.PASSWORD;
import static dev.commercesuite.identity.Shops.login;
import static dev.commercesuite.identity.Shops.refresh;
import static dev.commercesuite.identity.Shops.signup;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import dev.commercesuite.identity.Shops.Shop;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The whole first-day journey through the HTTP API: a shop is created, its admin verifies with the token read from
 * the email the outbox sent, a customer signs up and verifies, logs in, reads their profile, refreshes twice, and
 * presenting the first refresh token again revokes the family.
 */
@QuarkusTest
class IdentityJourneyTest {

    @Test
    void fromNewShopToRevokedFamily() throws Exception {
        CapturedEmails emails = CapturedEmails.accepting();
        Shop shop = Shops.create();
        String customer = "customer-" + shop.slug() + "@example.com";
        Shops.verify(emails, shop.admin());

        signup(shop.slug(), customer).then().statusCode(202);
        Shops.verify(emails, customer);

        var login = login(shop.slug(), customer, PASSWORD).then().statusCode(200).extract();
        given().auth().oauth2(login.path("accessToken")).when().get("/api/v1/users/me")
                .then().statusCode(200).body("email", equalTo(customer)).body("role", equalTo("customer"));

        String first = login.path("refreshToken");
        String second = refresh(first).then().statusCode(200).extract().path("refreshToken");
        var third = refresh(second).then().statusCode(200).extract();
        given().auth().oauth2(third.path("accessToken")).when().get("/api/v1/users/me").then().statusCode(200);

        refresh(first).then().statusCode(401);
        refresh(third.path("refreshToken")).then().statusCode(401);
    }
}
