package dev.commercesuite.order.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import dev.commercesuite.defaults.problem.InvalidRequestException;
import dev.commercesuite.defaults.problem.Problem;
import dev.commercesuite.order.domain.Caller;
import dev.commercesuite.order.domain.IdempotencyKey;
import dev.commercesuite.order.domain.IdempotencyScope;
import dev.commercesuite.order.domain.StoredResponse;
import dev.commercesuite.order.service.Idempotency;
import dev.commercesuite.order.service.OrderAccess;
import dev.commercesuite.order.service.Payments;
import dev.commercesuite.order.service.UnknownOrderException;
import io.quarkus.security.ForbiddenException;

/**
 * Paying for an order with Stripe: checkout and verify for the order's owner (the customer's access token, or a
 * guest's order access token in {@code X-Order-Token}), a full refund for an admin of its shop. Checkout and refund
 * need an {@code Idempotency-Key}; Stripe gets one derived from the order, so nothing is ever charged or refunded
 * twice.
 */
@Path("/api/v1/orders/{id}")
@Tag(name = "payments")
public class PaymentResource {

    private static final String CHECKOUT = "POST /api/v1/orders/{id}/checkout";
    private static final String REFUND = "POST /api/v1/orders/{id}/refund";

    private final Payments payments;
    private final Idempotency idempotency;
    private final Callers callers;
    private final ObjectMapper json;

    public PaymentResource(Payments payments, Idempotency idempotency, Callers callers, ObjectMapper json) {
        this.payments = payments;
        this.idempotency = idempotency;
        this.callers = callers;
        this.json = json;
    }

    @POST
    @Path("/checkout")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Pay for an order: get a Stripe PaymentIntent to confirm with Stripe.js",
            description = "Creates the PaymentIntent for the order's total and currency (or answers the one an order"
                    + " awaiting payment already has) and moves the order to awaiting_payment. The order is paid"
                    + " when Stripe says so (webhook, verify or the reconciliation job), never on the client's word.")
    @APIResponse(responseCode = "200", description = "{paymentIntentId, clientSecret, publishableKey, amount,"
            + " currency}", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Payments.CheckoutAnswer.class)))
    @APIResponse(responseCode = "400", description = "No or a malformed Idempotency-Key, or Stripe refused the"
            + " request (code)", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "Neither an access token nor X-Order-Token",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "402", description = "payment-declined: Stripe declined (code, declineCode)",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such order for this caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "order-not-payable: paid, cancelled or refunded; or"
            + " idempotency-key-in-use", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "idempotency-key-reused",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "payment-provider-unavailable, with Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response checkout(@PathParam("id") String id,
            @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, required = true,
                    description = "1 to 255 visible ASCII characters, a new random value (a UUID) per checkout")
            @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            @Parameter(name = OrderStatusResource.ORDER_TOKEN, in = ParameterIn.HEADER,
                    description = "A guest's order access token (instead of a bearer token)")
            @HeaderParam(OrderStatusResource.ORDER_TOKEN) String orderToken) {
        OrderAccess access = callers.orderAccess(orderToken);
        IdempotencyKey key = key(idempotencyKey);
        UUID orderId = OrderIds.parse(id).orElseThrow(UnknownOrderException::new);
        IdempotencyScope scope = payments.ownerScope(orderId, access);
        Idempotency.Request request = new Idempotency.Request(scope, key, CHECKOUT,
                RequestFingerprint.of("POST", "/api/v1/orders/" + orderId + "/checkout", NullNode.getInstance()));
        Idempotency.Outcome outcome = idempotency.run(request, () -> payments.intentFor(orderId, access),
                intent -> new StoredResponse(200, write(payments.recordCheckout(orderId, intent, access)), null),
                failure -> Optional.empty());
        return OrderResource.answer(outcome);
    }

    @POST
    @Path("/payment/verify")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask Stripe now how the order's payment stands",
            description = "For a client back from paying before Stripe's webhook arrived: the PaymentIntent is read"
                    + " from Stripe and applied with the webhook's rules. Answers the order's status.")
    @APIResponse(responseCode = "200", description = "The order as its customer follows it",
            content = @Content(schema = @Schema(implementation = OrderStatusView.class)))
    @APIResponse(responseCode = "401", description = "Neither an access token nor X-Order-Token",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such order for this caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "payment-not-started: the order was never checked out",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "payment-provider-unavailable, with Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response verify(@PathParam("id") String id,
            @Parameter(name = OrderStatusResource.ORDER_TOKEN, in = ParameterIn.HEADER,
                    description = "A guest's order access token (instead of a bearer token)")
            @HeaderParam(OrderStatusResource.ORDER_TOKEN) String orderToken) {
        OrderAccess access = callers.orderAccess(orderToken);
        UUID orderId = OrderIds.parse(id).orElseThrow(UnknownOrderException::new);
        return OrderStatusResource.answer(payments.verify(orderId, access));
    }

    @POST
    @Path("/refund")
    @RolesAllowed("admin")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Refund a paid order in full (admin)",
            description = "Refunds the order's payment through Stripe. 200 when Stripe confirms at once (the order"
                    + " is refunded, audited and the customer emailed); 202 while Stripe's refund is pending (its"
                    + " webhook finishes it).")
    @APIResponse(responseCode = "200", description = "Refunded",
            content = @Content(schema = @Schema(implementation = OrderStatusView.class)))
    @APIResponse(responseCode = "202", description = "Refund pending at Stripe",
            content = @Content(schema = @Schema(implementation = OrderStatusView.class)))
    @APIResponse(responseCode = "400", description = "No or a malformed Idempotency-Key, or Stripe refused",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No valid access token",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such order in the admin's shop",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "order-not-payable: nothing paid to refund",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "payment-provider-unavailable, with Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response refund(@PathParam("id") String id,
            @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, required = true,
                    description = "1 to 255 visible ASCII characters, a new random value (a UUID) per refund")
            @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey) {
        Caller admin = callers.current().orElseThrow(() -> new ForbiddenException("a token of no shop"));
        IdempotencyKey key = key(idempotencyKey);
        UUID orderId = OrderIds.parse(id).orElseThrow(UnknownOrderException::new);
        Idempotency.Request request = new Idempotency.Request(IdempotencyScope.user(admin.tenantId(),
                admin.userId()), key, REFUND,
                RequestFingerprint.of("POST", "/api/v1/orders/" + orderId + "/refund", NullNode.getInstance()));
        Idempotency.Outcome outcome = idempotency.run(request, () -> payments.requestRefund(orderId, admin),
                refund -> {
                    Payments.RefundOutcome result = payments.recordRefund(orderId, refund, admin);
                    return new StoredResponse(result.refunded() ? 200 : 202,
                            write(OrderStatusView.of(result.order())), null);
                }, failure -> Optional.empty());
        return OrderResource.answer(outcome);
    }

    private static IdempotencyKey key(String value) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Optional<IdempotencyKey> key = IdempotencyKey.parse(value);
        if (key.isEmpty()) {
            errors.add(new Problem.FieldError(IdempotencyKey.HEADER, "is required: 1 to " + IdempotencyKey.MAX_LENGTH
                    + " visible ASCII characters, a new random value (a UUID) per request"));
            throw new InvalidRequestException(errors);
        }
        return key.get();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer cannot be written as JSON", e);
        }
    }
}
