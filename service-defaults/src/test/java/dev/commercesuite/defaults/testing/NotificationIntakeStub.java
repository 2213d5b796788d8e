package dev.commercesuite.defaults.testing;

import java.util.Map;

/**
 * notification-service's intake, stubbed with WireMock at its HTTP API, for a service whose outbox sends email;
 * tests drive and inspect it through {@link CapturedEmails}.
 */
public class NotificationIntakeStub extends StubbedService {

    static final String PORT_PROPERTY = "commercesuite.test.notification-stub-port";

    @Override
    protected String portProperty() {
        return PORT_PROPERTY;
    }

    @Override
    protected Map<String, String> config(String baseUrl) {
        return Map.of("suite.outbox.notification-url", baseUrl);
    }

    /** The port of the running stub. */
    public static int port() {
        return port(PORT_PROPERTY);
    }
}
