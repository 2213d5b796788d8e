package dev.commercesuite.order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.commercesuite.order.OrderFixtures.customer;
import static dev.commercesuite.order.OrderFixtures.customerOrder;
import static dev.commercesuite.order.OrderFixtures.guestOrder;
import static dev.commercesuite.order.OrderFixtures.place;
import static dev.commercesuite.order.OrderFixtures.slug;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import dev.commercesuite.defaults.testing.CapturedEmails;
import dev.commercesuite.defaults.testing.MovableClock;
import io.quarkus.test.junit.QuarkusTest;

/** identity-service down: a shop order-service already knows keeps taking orders from its last known answer. */
@QuarkusTest
class OrderIdentityOutageTest {

    @Inject
    DataSource dataSource;

    @Inject
    MovableClock clock;

    private final List<StubMapping> faults = new ArrayList<>();

    @AfterEach
    void identityBack() throws Exception {
        WireMock identity = IdentityStub.client();
        faults.forEach(identity::removeStubMapping);
        clock.reset();
        // the failures may have opened the breaker: wait until a shop never asked about is found again
        OrderFixtures db = new OrderFixtures(dataSource);
        String probe = slug("outage-probe");
        UUID probeShop = IdentityStub.activeShop(probe, "pro");
        UUID product = db.product(probeShop, 100, null);
        Awaitility.await("identity answers again").atMost(Duration.ofSeconds(20))
                .until(() -> place(guestOrder(probe, "p@example.com", "P", product, 1), null).statusCode() == 201);
    }

    @Test
    void cachedShopKeepsTakingOrdersWhileIdentityIsDown() throws Exception {
        CapturedEmails.accepting();
        OrderFixtures db = new OrderFixtures(dataSource);
        String slug = slug("outage");
        UUID shop = IdentityStub.activeShop(slug, "pro");
        UUID product = db.product(shop, 100, null);
        place(guestOrder(slug, "before@example.com", "Before", product, 1), null).then().statusCode(201);

        WireMock identity = IdentityStub.client();
        for (String name : List.of(slug, shop.toString())) {
            faults.add(identity.register(get(urlEqualTo(IdentityStub.TENANTS + name)).atPriority(0)
                    .willReturn(aResponse().withStatus(503))));
        }
        clock.advance(Duration.ofSeconds(61)); // past the cache's fresh time: identity is asked again, and fails

        place(guestOrder(slug, "during@example.com", "During", product, 1), null).then().statusCode(201);
        place(customerOrder(product, 1), customer(UUID.randomUUID(), "c@example.com", shop)).then().statusCode(201);

        assertTrue(identity.find(getRequestedFor(urlEqualTo(IdentityStub.TENANTS + slug))).size() >= 2,
                "identity was asked again and failed");
        assertEquals(3, db.ordersOf(shop));
    }
}
