package dev.commercesuite.order.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.commercesuite.defaults.problem.Problem;
import dev.commercesuite.defaults.problem.ProblemType;
import dev.commercesuite.defaults.problem.Problems;
import dev.commercesuite.defaults.requestid.RequestId;
import dev.commercesuite.order.domain.InvalidWebhookSignatureException;
import dev.commercesuite.order.domain.OrderNotPayableException;
import dev.commercesuite.order.domain.PaymentInProgressException;
import dev.commercesuite.order.domain.PaymentProviderUnavailableException;
import dev.commercesuite.order.domain.PaymentRefusedException;
import dev.commercesuite.order.domain.UnreadablePaymentEventException;
import dev.commercesuite.order.service.PaymentNotStartedException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.http.HttpServerRequest;

/**
 * Payments' refusals as problem+json (docs/errors.md). Stripe's codes are passed on (they are documented and safe);
 * Stripe's messages never are, since they may name internal ids.
 */
public class PaymentExceptionMappers {

    /** A refusal of Stripe's, with its error code and, for a declined card, the card network's decline code. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record PaymentProblem(String type, String title, int status, String detail, String instance,
            String requestId, String code, String declineCode) {
    }

    /** An order that cannot be paid or refunded in its status. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record NotPayableProblem(String type, String title, int status, String detail, String instance,
            String requestId, String orderStatus) {
    }

    @ServerExceptionMapper
    public Response unavailable(PaymentProviderUnavailableException e, HttpServerRequest request) {
        long seconds = Math.max(1, e.retryAfter().toSeconds());
        return Response.fromResponse(Problems.response(Problems.of("payment-provider-unavailable",
                "Payment provider unavailable", 503, "The payment provider cannot be reached right now; nothing was"
                        + " charged. Retry after the time in Retry-After.", request.path())))
                .header(HttpHeaders.RETRY_AFTER, seconds)
                .build();
    }

    @ServerExceptionMapper
    public Response refused(PaymentRefusedException e, HttpServerRequest request) {
        boolean declined = e.status() == 402;
        return Response.status(e.status()).type(Problem.MEDIA_TYPE)
                .entity(new PaymentProblem(ProblemType.BASE_URI + (declined ? "payment-declined" : "payment-refused"),
                        declined ? "Payment declined" : "Payment refused", e.status(),
                        declined ? "The payment was declined; try another payment method."
                                : "The payment provider refused this request.",
                        request.path(), RequestId.current(), e.code(), e.declineCode()))
                .build();
    }

    @ServerExceptionMapper
    public Response notPayable(OrderNotPayableException e, HttpServerRequest request) {
        return Response.status(409).type(Problem.MEDIA_TYPE)
                .entity(new NotPayableProblem(ProblemType.BASE_URI + "order-not-payable", "Order not payable", 409,
                        "The order is " + e.status().label() + ": " + (e.status().isUnpaid() ? "it was never paid."
                                : "it cannot be paid (or refunded) now."),
                        request.path(), RequestId.current(), e.status().value()))
                .build();
    }

    @ServerExceptionMapper
    public Response inProgress(PaymentInProgressException e, HttpServerRequest request) {
        return Problems.response(Problems.of("payment-in-progress", "Payment in progress", 409,
                "The order's payment is being processed and can no longer be cancelled; it is paid or released"
                        + " shortly.", request.path()));
    }

    @ServerExceptionMapper
    public Response notStarted(PaymentNotStartedException e, HttpServerRequest request) {
        return Problems.response(Problems.of("payment-not-started", "Payment not started", 409,
                "The order was never checked out: there is no payment to verify.", request.path()));
    }

    @ServerExceptionMapper
    public Response invalidSignature(InvalidWebhookSignatureException e, HttpServerRequest request) {
        return Problems.response(Problems.of("invalid-signature", "Invalid signature", 400,
                "The Stripe-Signature header was refused: " + e.reason() + ".", request.path()));
    }

    @ServerExceptionMapper
    public Response unreadableEvent(UnreadablePaymentEventException e, HttpServerRequest request) {
        return Problems.response(Problems.of("invalid-event", "Invalid event", 400, e.getMessage() + ".",
                request.path()));
    }

    @ServerExceptionMapper
    public Response tooLarge(StripeWebhookResource.PayloadTooLargeException e, HttpServerRequest request) {
        return Problems.response(Problems.of(ProblemType.PAYLOAD_TOO_LARGE, 413,
                "A Stripe event is at most " + StripeWebhookResource.MAX_BODY + " bytes.", request.path()));
    }
}
