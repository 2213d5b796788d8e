package dev.commercesuite.identity;

import java.util.Map;

import dev.commercesuite.defaults.testing.StubbedService;

/**
 * notification-service's intake, stubbed with WireMock at its HTTP API; tests drive and inspect it through WireMock's
 * client on {@link #port()} (see {@link CapturedEmails}).
 */
public class NotificationStub extends StubbedService {

    static final String PORT_PROPERTY = "commercesuite.test.notification-stub-port";

    @Override
    protected String portProperty() {
        return PORT_PROPERTY;
    }

    @Override
    protected Map<String, String> config(String baseUrl) {
        return Map.of("suite.outbox.notification-url", baseUrl);
    }

    static int port() {
        return port(PORT_PROPERTY);
    }
}
