package dev.commercesuite.identity;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * notification-service's intake, stubbed with WireMock at its HTTP API. Tests drive and inspect it through
 * WireMock's client on {@link #port()} (Quarkus loads test resources and tests in different class loaders).
 */
public class NotificationStub implements QuarkusTestResourceLifecycleManager {

    static final String PORT_PROPERTY = "commercesuite.test.notification-stub-port";
    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        System.setProperty(PORT_PROPERTY, Integer.toString(server.port()));
        return Map.of("suite.outbox.notification-url", "http://127.0.0.1:" + server.port());
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
}
