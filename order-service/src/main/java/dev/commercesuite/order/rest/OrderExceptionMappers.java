package dev.commercesuite.order.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.commercesuite.defaults.problem.Problem;
import dev.commercesuite.defaults.problem.ProblemType;
import dev.commercesuite.defaults.problem.Problems;
import dev.commercesuite.order.service.IdempotencyKeyInUseException;
import dev.commercesuite.order.service.IdempotencyKeyReusedException;
import dev.commercesuite.order.service.OrderLimitReachedException;
import dev.commercesuite.order.service.ShopBusyException;
import io.vertx.core.http.HttpServerRequest;

/** order-service's refusals of idempotent requests and orders as problem+json. */
public class OrderExceptionMappers {

    @ServerExceptionMapper
    public Response keyReused(IdempotencyKeyReusedException e, HttpServerRequest request) {
        return Problems.response(OrderProblems.keyReused(request.path()));
    }

    @ServerExceptionMapper
    public Response keyInUse(IdempotencyKeyInUseException e, HttpServerRequest request) {
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        return Response.fromResponse(Problems.response(OrderProblems.keyInUse(request.path())))
                .header(HttpHeaders.RETRY_AFTER, seconds)
                .build();
    }

    @ServerExceptionMapper
    public Response shopBusy(ShopBusyException e, HttpServerRequest request) {
        return Response.fromResponse(Problems.response(Problems.of(ProblemType.SERVICE_UNAVAILABLE, 503,
                "Too many orders of this shop are being placed right now; retry shortly with the same"
                        + " Idempotency-Key.", request.path())))
                .header(HttpHeaders.RETRY_AFTER, 1)
                .build();
    }

    @ServerExceptionMapper
    public Response limitReached(OrderLimitReachedException e, HttpServerRequest request) {
        return Response.status(403).type(Problem.MEDIA_TYPE)
                .entity(OrderProblems.limitReached(e, request.path()))
                .build();
    }
}
