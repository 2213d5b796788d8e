package dev.commercesuite.order.rest;

import java.nio.charset.StandardCharsets;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.commercesuite.order.service.StripeWebhooks;
import io.vertx.core.http.HttpServerRequest;

/**
 * Stripe's webhook endpoint. The body is taken as raw bytes, exactly as signed: nothing parses it before
 * {@link StripeWebhooks} has verified its {@code Stripe-Signature}.
 */
@Path("/api/v1/webhooks/stripe")
@Tag(name = "payments")
public class StripeWebhookResource {

    /** Stripe's events are a few kilobytes; anything far larger is not one. */
    static final int MAX_BODY = 256 * 1024;

    private final StripeWebhooks webhooks;

    public StripeWebhookResource(StripeWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    /** The answer Stripe gets: the event's id and what it did. */
    public record Received(String id, String outcome) {
    }

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stripe's webhook (called by Stripe)", description = "Verifies Stripe-Signature"
            + " (HMAC-SHA256, 300 s tolerance) before reading anything; each event id is taken once.")
    @APIResponse(responseCode = "200", description = "Taken (also for an event taken before, which changes nothing)")
    @APIResponse(responseCode = "400", description = "invalid-signature (missing, malformed, wrong, too old or from"
            + " the future), or invalid-event", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "413", description = "A body larger than a Stripe event",
            content = @Content(mediaType = "application/problem+json"))
    public Received receive(
            @Parameter(name = "Stripe-Signature", in = ParameterIn.HEADER, required = true,
                    description = "t=<unix time>,v1=<hex HMAC-SHA256>[,v1=...]")
            @HeaderParam("Stripe-Signature") String signature,
            @Context HttpServerRequest request, byte[] body) {
        if (body != null && body.length > MAX_BODY) {
            throw new PayloadTooLargeException();
        }
        String payload = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        StripeWebhooks.Receipt receipt = webhooks.receive(payload, signature,
                request.remoteAddress() == null ? null : request.remoteAddress().hostAddress());
        return new Received(receipt.eventId(), receipt.outcome());
    }

    /** A body larger than {@link #MAX_BODY}. */
    static class PayloadTooLargeException extends RuntimeException {

        PayloadTooLargeException() {
            super("a webhook body over " + MAX_BODY + " bytes", null, false, false);
        }
    }
}
