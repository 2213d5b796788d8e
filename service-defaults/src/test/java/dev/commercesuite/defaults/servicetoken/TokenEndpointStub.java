package dev.commercesuite.defaults.servicetoken;

import java.util.Map;

import dev.commercesuite.defaults.testing.StubbedService;

/** identity-service's token endpoint, stubbed; the breaker waits only a moment before its trial call. */
public class TokenEndpointStub extends StubbedService {

    static final String PORT_PROPERTY = "commercesuite.test.token-endpoint-stub-port";
    static final String PATH = "/api/v1/auth/token";

    @Override
    protected String portProperty() {
        return PORT_PROPERTY;
    }

    @Override
    protected Map<String, String> config(String baseUrl) {
        return Map.of("suite.service-client.token-url", baseUrl + PATH,
                "suite.service-client.id", "order-service",
                "suite.service-client.secret", "a-test-secret-that-is-not-a-real-credential-0123456789",
                ServiceTokenClient.class.getName() + "/token/CircuitBreaker/delay", "300");
    }

    static int port() {
        return port(PORT_PROPERTY);
    }
}
