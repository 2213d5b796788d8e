package dev.commercesuite.gateway;

import java.util.Map;

import com.github.tomakehurst.wiremock.client.WireMock;

import dev.commercesuite.defaults.testing.StubbedService;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * The services behind the gateway, stubbed with WireMock at their HTTP APIs: identity, order and notification each
 * get a stub of their own, so a path sent to the wrong service reaches the wrong stub and a test can see it. Tests
 * drive a stub through {@link #client(String)}; upstreams time out after 1 s.
 */
public abstract class UpstreamStub extends StubbedService {

    /** The upstreams the gateway routes to, as {@code gateway.upstreams.<name>} names them. */
    static final String IDENTITY = "identity";
    static final String ORDER = "order";
    static final String NOTIFICATION = "notification";

    /** The upstream this stub stands in for. */
    protected abstract String upstream();

    @Override
    protected String portProperty() {
        return portProperty(upstream());
    }

    @Override
    protected Map<String, String> config(String baseUrl) {
        return Map.of("gateway.upstreams." + upstream(), baseUrl, "gateway.upstreams.timeout", "1S");
    }

    /** WireMock's client for the stub standing in for {@code upstream}. */
    static WireMock client(String upstream) {
        return new WireMock("127.0.0.1", port(portProperty(upstream)));
    }

    /** The port of the stub standing in for {@code upstream}. */
    static int portOf(String upstream) {
        return port(portProperty(upstream));
    }

    private static String portProperty(String upstream) {
        return "commercesuite.test.upstream-stub." + upstream + ".port";
    }

    public static class Identity extends UpstreamStub {
        @Override
        protected String upstream() {
            return IDENTITY;
        }
    }

    public static class Order extends UpstreamStub {
        @Override
        protected String upstream() {
            return ORDER;
        }
    }

    public static class Notification extends UpstreamStub {
        @Override
        protected String upstream() {
            return NOTIFICATION;
        }
    }

    /** Applies the stubs to every test of this module. */
    @QuarkusTestResource(UpstreamStub.Identity.class)
    @QuarkusTestResource(UpstreamStub.Order.class)
    @QuarkusTestResource(UpstreamStub.Notification.class)
    static class Everywhere {
    }
}
