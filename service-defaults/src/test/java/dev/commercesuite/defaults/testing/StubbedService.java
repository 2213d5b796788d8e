package dev.commercesuite.defaults.testing;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Another service of the suite (or a third party), stubbed with WireMock at its HTTP API on a free local port. A
 * subclass names the system property that carries the port (Quarkus loads test resources and tests in different
 * class loaders, so tests find the stub through it) and the configuration that points the service under test at it.
 */
public abstract class StubbedService implements QuarkusTestResourceLifecycleManager {

    private WireMockServer server;

    /** The system property tests read the stub's port from. */
    protected abstract String portProperty();

    /** The settings that send the service under test to {@code baseUrl} ({@code http://127.0.0.1:<port>}). */
    protected abstract Map<String, String> config(String baseUrl);

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        System.setProperty(portProperty(), Integer.toString(server.port()));
        return config("http://127.0.0.1:" + server.port());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** The port of the stub started under {@code property}. */
    public static int port(String property) {
        return Integer.parseInt(System.getProperty(property));
    }
}
