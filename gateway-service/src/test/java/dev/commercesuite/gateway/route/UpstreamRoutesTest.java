package dev.commercesuite.gateway.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Every route names a known upstream; one that does not stops the gateway instead of being sent elsewhere. */
class UpstreamRoutesTest {

    private static final Map<String, List<URI>> UPSTREAMS = Map.of(
            "identity", List.of(URI.create("http://identity:8081")),
            "order", List.of(URI.create("http://order-1:8082"), URI.create("http://order-2:8082")),
            "notification", List.of(URI.create("http://notification:8083")));

    @Test
    void onlyPathsEveryServiceReadsTheSameWayAreCanonical() {
        for (String path : List.of("/", "/api/v1/auth/login", "/api/v1/products/", "/api/v1/products/caf%C3%A9",
                "/orders/0190a6c4-0000-7000-8000-00000000b001", "/api/v1/products/a.b", "/api/v1/x/..y")) {
            assertTrue(UpstreamRoutes.canonical(path), path);
        }
        for (String path : List.of("/api/v1/auth/login;x", "/api/v1/auth;a/login", "/x/../api/v1/auth/login",
                "/api/v1/./auth/login", "//api/v1/auth/login", "/api/v1//auth/login", "/api/v1/auth/login/..",
                "/api/v1/auth/%2e%2e/login", "/api/v1/auth%2Flogin", "/api/v1/auth/login%3bx", "/api\\v1", "")) {
            assertFalse(UpstreamRoutes.canonical(path), path);
        }
    }

    @Test
    void eachRouteGoesToTheUpstreamItNames() {
        List<UpstreamRoutes.ResolvedRoute> resolved = UpstreamRoutes.resolve(UpstreamRoutes.ROUTES, UPSTREAMS);

        assertEquals(UpstreamRoutes.ROUTES.size(), resolved.size());
        for (UpstreamRoutes.ResolvedRoute route : resolved) {
            assertEquals(UPSTREAMS.get(route.route().service()), route.upstream(), route.route().pathRegex());
        }
    }

    @Test
    void aLocationAtTheUpstreamsOwnAddressBecomesAPathAndAnyOtherPassesUnchanged() {
        URI order = URI.create("http://order:8082");
        assertEquals("/api/v1/products/7", UpstreamRoutes.publicLocation("http://order:8082/api/v1/products/7", order));
        assertEquals("/api/v1/orders/7?x=%20y#top",
                UpstreamRoutes.publicLocation("http://ORDER:8082/api/v1/orders/7?x=%20y#top", order));
        assertEquals("/", UpstreamRoutes.publicLocation("http://order:8082", order));
        assertEquals("/p", UpstreamRoutes.publicLocation("http://web/p", URI.create("http://web")));
        for (String other : List.of("/api/v1/products/7", "https://checkout.stripe.com/c/pay/cs_1",
                "http://order:9999/x", "http://identity:8082/x", "not a uri")) {
            assertEquals(other, UpstreamRoutes.publicLocation(other, order));
        }
    }

    @Test
    void anUnknownUpstreamIsRefusedWithTheRouteAndTheKnownNames() {
        List<UpstreamRoutes.Route> routes = List.of(
                new UpstreamRoutes.Route("/api/v1/orders(/.*)?", "order"),
                new UpstreamRoutes.Route("/api/v1/invoices(/.*)?", "billing"));

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> UpstreamRoutes.resolve(routes, UPSTREAMS));

        assertTrue(refused.getMessage().contains("/api/v1/invoices(/.*)?"), refused.getMessage());
        assertTrue(refused.getMessage().contains("'billing'"), refused.getMessage());
        assertTrue(refused.getMessage().contains("[identity, notification, order]"), refused.getMessage());
    }
}
