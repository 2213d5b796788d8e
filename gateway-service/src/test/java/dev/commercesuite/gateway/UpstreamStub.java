package dev.commercesuite.gateway;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The services behind the gateway, stubbed with WireMock at their HTTP APIs: identity, order and notification all
 * point at one stub, which tests drive through WireMock's client on {@link #port()}.
 */
public class UpstreamStub implements QuarkusTestResourceLifecycleManager {

    static final String PORT_PROPERTY = "commercesuite.test.upstream-stub-port";
    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        System.setProperty(PORT_PROPERTY, Integer.toString(server.port()));
        String url = "http://127.0.0.1:" + server.port();
        return Map.of("gateway.upstreams.identity", url, "gateway.upstreams.order", url,
                "gateway.upstreams.notification", url, "gateway.upstreams.timeout", "1S");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    static int port() {
        return Integer.parseInt(System.getProperty(PORT_PROPERTY));
    }

    /** Applies the stub to every test of this module. */
    @QuarkusTestResource(UpstreamStub.class)
    static class Everywhere {
    }
}
