package dev.commercesuite.gateway;

import java.util.Map;

import dev.commercesuite.defaults.testing.StubbedService;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * The services behind the gateway, stubbed with WireMock at their HTTP APIs: identity, order and notification all
 * point at one stub, which tests drive through WireMock's client on {@link #port()}; upstreams time out after 1 s.
 */
public class UpstreamStub extends StubbedService {

    static final String PORT_PROPERTY = "commercesuite.test.upstream-stub-port";

    @Override
    protected String portProperty() {
        return PORT_PROPERTY;
    }

    @Override
    protected Map<String, String> config(String baseUrl) {
        return Map.of("gateway.upstreams.identity", baseUrl, "gateway.upstreams.order", baseUrl,
                "gateway.upstreams.notification", baseUrl, "gateway.upstreams.timeout", "1S");
    }

    static int port() {
        return port(PORT_PROPERTY);
    }

    /** Applies the stub to every test of this module. */
    @QuarkusTestResource(UpstreamStub.class)
    static class Everywhere {
    }
}
