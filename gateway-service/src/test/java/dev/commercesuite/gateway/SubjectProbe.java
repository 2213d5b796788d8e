package dev.commercesuite.gateway;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.gateway.route.Exchange;
import dev.commercesuite.gateway.route.GatewayStage;
import io.vertx.ext.web.RoutingContext;

/**
 * A stage of the tests only, right after edge authentication: it hands the subject the gateway recorded to the
 * upstream as {@value #HEADER}, so a test reads it from the stub's journal (what the client sent under that name is
 * replaced, so a client cannot fake it).
 */
@ApplicationScoped
public class SubjectProbe implements GatewayStage {

    static final String HEADER = "X-Test-Edge-Subject";

    @Override
    public int order() {
        return EDGE_AUTHENTICATION + 1;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String subject = Exchange.subject(ctx);
        if (subject == null) {
            ctx.request().headers().remove(HEADER);
        } else {
            ctx.request().headers().set(HEADER, subject);
        }
        ctx.next();
    }
}
