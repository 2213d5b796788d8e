package dev.commercesuite.order.rest;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.commercesuite.defaults.problem.Problem;
import dev.commercesuite.defaults.problem.ProblemType;
import dev.commercesuite.defaults.problem.Problems;
import dev.commercesuite.defaults.requestid.RequestId;
import dev.commercesuite.order.domain.InvalidStatusTransitionException;
import dev.commercesuite.order.domain.OrderStatus;
import dev.commercesuite.order.service.StaleOrderException;
import dev.commercesuite.order.service.StatusChangeForbiddenException;
import dev.commercesuite.order.service.StatusSetByPaymentsException;
import dev.commercesuite.order.service.UnknownOrderException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.http.HttpServerRequest;

/** The answers about an order's status as problem+json (see docs/errors.md, order-service). */
public class OrderStatusExceptionMappers {

    /** {@code invalid-status-transition}: the problem body plus where the order could go instead. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record TransitionProblem(String type, String title, int status, String detail, String instance,
            String requestId, List<String> allowed) {
    }

    @ServerExceptionMapper
    public Response unknownOrder(UnknownOrderException e, HttpServerRequest request) {
        return Problems.response(Problems.of(ProblemType.NOT_FOUND, 404, "No order exists at this path.",
                request.path()));
    }

    @ServerExceptionMapper
    public Response invalidTransition(InvalidStatusTransitionException e, HttpServerRequest request) {
        List<String> allowed = e.allowed().stream().sorted().map(OrderStatus::value).toList();
        String detail = "An order that is " + e.from().label() + " cannot become " + e.to().label() + "; "
                + (allowed.isEmpty() ? "its status is final." : "it can become " + String.join(", ", allowed) + ".");
        return Response.status(409).type(Problem.MEDIA_TYPE)
                .entity(new TransitionProblem(ProblemType.BASE_URI + "invalid-status-transition",
                        "Invalid status transition", 409, detail, request.path(), RequestId.current(), allowed))
                .build();
    }

    @ServerExceptionMapper
    public Response setByPayments(StatusSetByPaymentsException e, HttpServerRequest request) {
        return Problems.response(Problems.of("status-set-by-payments", "Status set by payments", 409,
                "Nobody sets an order " + e.requested().label() + " by hand: checkout (POST"
                        + " /api/v1/orders/{id}/checkout) makes it awaiting payment, and Stripe's news makes it paid"
                        + " or refunded. To refund a paid order, its shop's admin sends POST"
                        + " /api/v1/orders/{id}/refund.", request.path()));
    }

    @ServerExceptionMapper
    public Response stale(StaleOrderException e, HttpServerRequest request) {
        return Problems.response(Problems.of("precondition-failed", "Precondition failed", 412,
                "The order has changed since the ETag in If-Match; read it again and retry.", request.path()));
    }

    @ServerExceptionMapper
    public Response forbidden(StatusChangeForbiddenException e, HttpServerRequest request) {
        return Problems.response(Problems.of(ProblemType.FORBIDDEN, 403,
                "A customer may only cancel their order, and only the shop sets a tracking link.", request.path()));
    }
}
