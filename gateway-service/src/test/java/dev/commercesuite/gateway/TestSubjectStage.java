package dev.commercesuite.gateway;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.commercesuite.gateway.route.Exchange;
import dev.commercesuite.gateway.route.GatewayStage;
import io.vertx.ext.web.RoutingContext;

/**
 * Stands in for edge authentication in the rate-limit tests: with {@code commercesuite.test.subject-header=true}
 * (only {@link RateLimitProfile}) the {@code X-Test-Subject} header names the caller's verified subject, so the
 * per-user policies can be tested without tokens. Everywhere else it does nothing.
 */
@ApplicationScoped
public class TestSubjectStage implements GatewayStage {

    static final String HEADER = "X-Test-Subject";

    private final boolean enabled;

    public TestSubjectStage(@ConfigProperty(name = "commercesuite.test.subject-header", defaultValue = "false")
            boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public int order() {
        return EDGE_AUTHENTICATION + 50;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String subject = enabled ? ctx.request().getHeader(HEADER) : null;
        if (subject != null) {
            Exchange.subject(ctx, subject);
        }
        ctx.next();
    }
}
