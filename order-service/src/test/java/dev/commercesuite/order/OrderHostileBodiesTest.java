package dev.commercesuite.order;

import static dev.commercesuite.order.OrderFixtures.customer;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.testing.CapturedEmails;
import dev.commercesuite.defaults.testing.HostileCorpus;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The shared hostile corpus against order creation past its first gate: every request carries a valid
 * Idempotency-Key and names a real shop and product, so each hostile value meets the body's own rules. Refused values
 * answer 4xx problem+json and store nothing; hostile but acceptable text never fails.
 */
@QuarkusTest
class OrderHostileBodiesTest {

    @Inject
    DataSource dataSource;

    OrderFixtures db;
    String slug;
    UUID shop;
    UUID product;
    String token;
    final List<String> failures = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        CapturedEmails.accepting();
        db = new OrderFixtures(dataSource);
        slug = OrderFixtures.slug("hostile");
        shop = IdentityStub.activeShop(slug, "studio");
        product = db.product(shop, 100, null);
        token = customer(UUID.randomUUID(), "hostile@example.com", shop);
    }

    /** The body's fields and their valid values, as JSON. */
    private Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("tenant", "\"" + slug + "\"");
        fields.put("email", "\"h@example.com\"");
        fields.put("name", "\"Hostile\"");
        fields.put("productId", "\"" + product + "\"");
        fields.put("quantity", "1");
        return fields;
    }

    /** A guest's (or with a token, a customer's) body with {@code field} set to the JSON {@code value}. */
    private String body(String field, String value, boolean guest) {
        Map<String, String> fields = fields();
        fields.put(field, value);
        String line = "{\"productId\":" + fields.get("productId") + ",\"quantity\":" + fields.get("quantity") + "}";
        return "{" + (guest ? "\"tenant\":" + fields.get("tenant") + ",\"email\":" + fields.get("email") + "," : "")
                + "\"name\":" + fields.get("name") + ",\"items\":[" + line + "]}";
    }

    private Response send(byte[] body, String bearer) {
        var request = given().contentType("application/json").header(OrderFixtures.KEY, UUID.randomUUID().toString())
                .body(body);
        if (bearer != null) {
            request = request.auth().oauth2(bearer);
        }
        return request.post(OrderFixtures.ORDERS);
    }

    private void refused(String what, Response answer) {
        if (answer.statusCode() < 400 || answer.statusCode() >= 500
                || !String.valueOf(answer.contentType()).startsWith("application/problem+json")) {
            failures.add(what + " answered " + answer.statusCode() + " " + answer.contentType());
        }
    }

    @Test
    void hostileBodiesAndRefusedValuesAreRefusedAndStoreNothing() throws Exception {
        Map<String, Long> before = db.rows();
        for (String bearer : new String[] {null, token}) {
            for (Map.Entry<String, byte[]> body : HostileCorpus.bodies().entrySet()) {
                refused("body " + body.getKey(), send(body.getValue(), bearer));
            }
            for (String field : fields().keySet()) {
                if (bearer != null && (field.equals("tenant") || field.equals("email"))) {
                    continue;
                }
                Map<String, String> values = new LinkedHashMap<>(HostileCorpus.refusedValues());
                if (bearer == null || !field.equals("name")) {
                    values.putAll(HostileCorpus.wrongTypes()); // a customer may leave the name out (null)
                }
                values.forEach((name, value) -> refused(field + " = " + name + (bearer == null ? "" : " (token)"),
                        send(body(field, value, bearer == null).getBytes(), bearer)));
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(before, db.rows());
    }

    @Test
    void hostileButAcceptableTextNeverFails() {
        for (String field : List.of("tenant", "email", "name", "productId")) {
            HostileCorpus.acceptedButHostile().forEach((name, value) -> {
                Response answer = send(body(field, value, true).getBytes(), null);
                if (answer.statusCode() >= 500) {
                    failures.add(field + " = " + name + " answered " + answer.statusCode());
                }
            });
        }
        assertEquals(List.of(), failures);
    }
}
