package dev.commercesuite.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Behind a trusted TLS-terminating proxy (here: the test client's own address) the gateway sends HSTS when the proxy
 * says the client came over HTTPS, and only then.
 */
@QuarkusTest
@TestProfile(GatewayForwardedHttpsTest.BehindTrustedProxy.class)
class GatewayForwardedHttpsTest {

    static final String HSTS = "max-age=31536000; includeSubDomains";

    public static class BehindTrustedProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.trusted-proxies", "127.0.0.1/32,::1/128");
        }
    }

    @Test
    void hstsOnlyWhenTheTrustedProxySaysHttps() {
        var order = UpstreamStub.client(UpstreamStub.ORDER);
        order.resetMappings();
        order.register(get(urlEqualTo("/api/v1/products")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("[]")));

        given().header("X-Forwarded-Proto", "https").when().get("/api/v1/products")
                .then().statusCode(200).header("Strict-Transport-Security", HSTS)
                .header("X-Content-Type-Options", "nosniff");
        given().header("X-Forwarded-Proto", "https").when().get("/api/v1/nothing-here")
                .then().statusCode(404).header("Strict-Transport-Security", HSTS);
        given().header("X-Forwarded-Proto", "http").when().get("/api/v1/products")
                .then().statusCode(200).header("Strict-Transport-Security", nullValue());
        // a proxy that appends: the client's own "https" comes first, the proxy's "http" last, and the proxy wins
        given().header("X-Forwarded-Proto", "https, http").when().get("/api/v1/products")
                .then().statusCode(200).header("Strict-Transport-Security", nullValue());
        given().header("X-Forwarded-Proto", "http, https").when().get("/api/v1/products")
                .then().statusCode(200).header("Strict-Transport-Security", HSTS);
        given().when().get("/api/v1/products")
                .then().statusCode(200).header("Strict-Transport-Security", nullValue());
    }
}
