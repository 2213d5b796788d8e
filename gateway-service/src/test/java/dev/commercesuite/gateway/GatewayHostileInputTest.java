package dev.commercesuite.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;

import com.github.tomakehurst.wiremock.client.WireMock;

import dev.commercesuite.defaults.testing.HostileInputTests;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The shared hostile corpus against the gateway's public routes. The gateway refuses a hostile path, query string or
 * header itself, before proxying; bodies pass through to the services behind, stubbed here to accept anything, so
 * for bodies only "never a server error" is the gateway's to prove.
 */
@QuarkusTest
class GatewayHostileInputTest extends HostileInputTests {

    @BeforeEach
    void upstreamsAcceptAnything() {
        for (String name : List.of(UpstreamStub.IDENTITY, UpstreamStub.ORDER, UpstreamStub.NOTIFICATION)) {
            WireMock upstream = UpstreamStub.client(name);
            upstream.resetMappings();
            upstream.register(any(anyUrl()).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{}")));
        }
    }

    @Override
    protected boolean readsBodies() {
        return false;
    }

    @Override
    protected List<String> extraOperations() {
        return List.of("POST /api/v1/tenants", "POST /api/v1/auth/login", "POST /api/v1/auth/signup",
                "GET /api/v1/users/me", "DELETE /api/v1/tenants/{tenantId}/api-keys/{keyId}",
                "GET /api/v1/audit-events", "GET /.well-known/jwks.json", "GET /reset-password",
                "POST /api/v1/products", "GET /api/v1/orders/{id}", "PATCH /api/v1/orders/{id}/status",
                "POST /api/v1/webhooks/stripe", "GET /orders/{id}", "GET /api/v1/notifications",
                "POST /api/v1/notifications/{id}/retry", "GET /internal/v1/tenants/{id}");
    }
}
