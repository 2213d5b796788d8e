package dev.commercesuite.order;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.commercesuite.defaults.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Shops registered at the identity stub, their users' tokens and products, for the catalog's tests. */
final class CatalogFixtures {

    private CatalogFixtures() {
    }

    /** A shop known to the identity stub, with a fresh slug and id. */
    record TestShop(UUID id, String slug) {

        String admin() {
            return token("admin");
        }

        String staff() {
            return token("staff");
        }

        String customer() {
            return token("customer");
        }

        String token(String role) {
            UUID user = UUID.randomUUID();
            return TestTokens.user(user.toString(), role + "-" + user + "@example.com", id.toString(), Set.of(role));
        }
    }

    static TestShop activeShop() {
        String slug = slug();
        return new TestShop(IdentityStub.activeShop(slug, "pro"), slug);
    }

    static TestShop suspendedShop() {
        String slug = slug();
        UUID id = UUID.randomUUID();
        IdentityStub.shop(id, slug, "Shop " + slug, "pro", "suspended");
        return new TestShop(id, slug);
    }

    static String slug() {
        return "shop-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** A valid product body with this sku, to change field by field. */
    static Map<String, Object> product(String sku) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sku", sku);
        body.put("name", "Espresso cup " + sku);
        body.put("description", "Porcelain, 80 ml");
        body.put("price", 1250);
        body.put("currency", "EUR");
        body.put("stock", 40);
        return body;
    }

    static Response create(String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when()
                .post("/api/v1/products");
    }

    /** Creates a product and answers its id. */
    static String created(String token, Map<String, Object> body) {
        return create(token, body).then().statusCode(201).extract().path("id");
    }
}
