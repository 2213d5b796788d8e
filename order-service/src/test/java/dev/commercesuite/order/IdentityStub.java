package dev.commercesuite.order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.WireMock;

import dev.commercesuite.defaults.testing.StubbedService;
import dev.commercesuite.defaults.testing.TestTokens;

/**
 * identity-service, stubbed with WireMock at its HTTP API: its token endpoint (order-service's client credentials
 * get a service token signed with the test key) and its shop lookup, which answers 404 for any shop a test has not
 * registered with {@link #shop}.
 */
public class IdentityStub extends StubbedService {

    static final String PORT_PROPERTY = "commercesuite.test.identity-stub-port";
    static final String TOKEN_PATH = "/api/v1/auth/token";
    static final String TENANTS = "/internal/v1/tenants/";

    @Override
    protected String portProperty() {
        return PORT_PROPERTY;
    }

    @Override
    protected Map<String, String> config(String baseUrl) {
        Map<String, String> config = new HashMap<>();
        config.put("order.identity-url", baseUrl);
        config.put("suite.service-client.token-url", baseUrl + TOKEN_PATH);
        config.put("suite.service-client.id", "order-service");
        config.put("suite.service-client.secret", "a-test-secret-that-is-not-a-real-credential-0123456789");
        return config;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        reset();
        return config;
    }

    /** The stub's client. */
    static WireMock client() {
        return new WireMock("127.0.0.1", port(PORT_PROPERTY));
    }

    /** Forgets every registered shop and failure: the token endpoint works and every shop is unknown. */
    static void reset() {
        WireMock identity = client();
        identity.resetMappings();
        identity.resetRequests();
        identity.register(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson("{\"access_token\":\""
                + TestTokens.service("order-service") + "\",\"token_type\":\"Bearer\",\"expires_in\":900}")));
        identity.register(get(urlPathMatching(TENANTS + ".*")).atPriority(10)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404}")));
    }

    /** Registers a shop, found by its id and by its slug. */
    static void shop(UUID id, String slug, String name, String tier, String status) {
        String body = "{\"id\":\"" + id + "\",\"slug\":\"" + slug + "\",\"name\":\"" + name + "\",\"status\":\""
                + status + "\",\"tier\":\"" + tier + "\"}";
        WireMock identity = client();
        identity.register(get(urlEqualTo(TENANTS + id)).atPriority(1).willReturn(okJson(body)));
        identity.register(get(urlEqualTo(TENANTS + slug)).atPriority(1).willReturn(okJson(body)));
    }

    /** Registers an active shop of this tier with a fresh id; answers the id. */
    static UUID activeShop(String slug, String tier) {
        UUID id = UUID.randomUUID();
        shop(id, slug, "Shop " + slug, tier, "active");
        return id;
    }

    static int port() {
        return port(PORT_PROPERTY);
    }
}
