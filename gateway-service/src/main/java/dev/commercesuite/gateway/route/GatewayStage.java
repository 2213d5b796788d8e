package dev.commercesuite.gateway.route;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * One step a routed request passes before the gateway forwards it (IP access, body limits, edge authentication, rate
 * limits). {@link UpstreamRoutes} chains every stage bean in ascending {@link #order()} ahead of the forwarding
 * handler, for every route. A stage either answers the request itself (a refusal) or calls
 * {@link RoutingContext#next()}, on the request's own Vert.x context, once its (possibly asynchronous) work is done.
 * The request body is paused when the first stage runs; a stage that needs the body reads it and leaves it in
 * {@link Exchange#bufferBody}, which is then forwarded instead of the stream.
 */
public interface GatewayStage extends Handler<RoutingContext> {

    /** Deny list, IP blocks and the allow list. */
    int IP_ACCESS = 100;
    /** Per-route body limits. */
    int BODY_LIMIT = 200;
    /** Bearer JWTs and API keys. */
    int EDGE_AUTHENTICATION = 300;
    /** Rate-limit policies. */
    int RATE_LIMIT = 400;

    /** Where this stage runs among the others: lower first. */
    int order();
}
