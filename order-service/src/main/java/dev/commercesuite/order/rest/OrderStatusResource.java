package dev.commercesuite.order.rest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.commercesuite.defaults.problem.InvalidRequestException;
import dev.commercesuite.defaults.problem.Problem;
import dev.commercesuite.order.domain.OrderStatus;
import dev.commercesuite.order.service.OrderAccess;
import dev.commercesuite.order.service.OrderStatusChanges;
import dev.commercesuite.order.service.OrderStatusLookup;
import dev.commercesuite.order.service.OrderStatusReport;
import dev.commercesuite.order.service.UnknownOrderException;

/**
 * An order's status: read by whoever holds its access token (the JSON behind the customer's status page), and
 * changed by the shop's staff (shipped, delivered, cancelled), or cancelled by its customer while unpaid; the
 * payment statuses are set by payments only ({@link PaymentResource}, {@link StripeWebhookResource}). Changes need
 * {@code If-Match} with the order's {@code ETag} (its version), which both answers carry.
 */
@Path("/api/v1/orders/{id}/status")
@Tag(name = "order status")
public class OrderStatusResource {

    /** The header a guest cancelling their order sends the order's access token in (kept out of URLs and logs). */
    public static final String ORDER_TOKEN = "X-Order-Token";
    static final int MAX_TRACKING_URL = 2000;
    static final int MAX_NOTE = 1000;
    /** What the notification-service accepts in an email: https, no spaces, quotes, angle brackets or backslashes. */
    private static final Pattern TRACKING_URL = Pattern.compile("https://[^\\s\"'<>\\\\]+");

    private final OrderStatusLookup lookup;
    private final OrderStatusChanges changes;
    private final Callers callers;

    public OrderStatusResource(OrderStatusLookup lookup, OrderStatusChanges changes, Callers callers) {
        this.lookup = lookup;
        this.changes = changes;
        this.callers = callers;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The order's status, lines, totals and timeline, for the holder of its access token")
    @APIResponse(responseCode = "200", description = "The order as its customer follows it; ETag is its version",
            content = @Content(schema = @Schema(implementation = OrderStatusView.class)))
    @APIResponse(responseCode = "404", description = "No such order, or the token does not open it (one answer for"
            + " both)", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response status(@PathParam("id") String id,
            @Parameter(description = "The order's access token, from its confirmation or a later email")
            @QueryParam("token") String token) {
        UUID orderId = OrderIds.parse(id).orElseThrow(UnknownOrderException::new);
        if (token == null || token.isEmpty()) {
            throw new UnknownOrderException();
        }
        return answer(lookup.forTokenHolder(orderId, token));
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ship, deliver or cancel the order (staff, admin), or cancel it while unpaid (its customer)",
            description = "The status machine is pending -> awaiting_payment -> paid -> shipped -> delivered;"
                    + " pending|awaiting_payment -> cancelled; paid|shipped -> refunded. awaiting_payment, paid and"
                    + " refunded are set by payments only (checkout makes an order awaiting_payment, Stripe's news"
                    + " makes it paid or refunded; an admin refunds with POST /api/v1/orders/{id}/refund): asking for"
                    + " them here is 409 status-set-by-payments for everyone. Staff and admins of the order's shop"
                    + " move a paid order to shipped and a shipped one to delivered, or cancel an unpaid one, with a"
                    + " note and a tracking link. The customer who placed the order may only send"
                    + " {\"status\": \"cancelled\"} (and a note) while it is unpaid: with their access token of"
                    + " the shop, or as a guest with the order's access token in X-Order-Token. Every change needs"
                    + " If-Match with the order's ETag.")
    @APIResponse(responseCode = "200", description = "Changed; the answer carries the new ETag",
            content = @Content(schema = @Schema(implementation = OrderStatusView.class)))
    @APIResponse(responseCode = "400", description = "A bad status, tracking link, note or If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "Neither an access token nor X-Order-Token",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "A customer asking for shipped or delivered, or sending a tracking"
            + " link",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such order for this caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "status-set-by-payments: awaiting_payment, paid or refunded"
            + " asked for (nothing changed); or invalid-status-transition: the status machine does not lead there,"
            + " allowed lists where it does", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "412", description = "precondition-failed: the order changed since that ETag",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "428", description = "precondition-required: no If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response change(@PathParam("id") String id,
            @Parameter(in = ParameterIn.HEADER, name = EntityTags.IF_MATCH, required = true,
                    description = "The order's ETag, as GET answered it") @HeaderParam(EntityTags.IF_MATCH) String ifMatch,
            @Parameter(in = ParameterIn.HEADER, name = ORDER_TOKEN,
                    description = "A guest's order access token (instead of a bearer token)")
            @HeaderParam(ORDER_TOKEN) String orderToken,
            StatusChangeRequest body) {
        OrderAccess access = callers.orderAccess(orderToken);
        Optional<UUID> orderId = OrderIds.parse(id);
        StatusChange change = validate(body);
        Set<Long> versions = EntityTags.versions(ifMatch);
        OrderStatusReport report = changes.change(orderId.orElseThrow(UnknownOrderException::new), access,
                change.status(), change.note(), change.trackingUrl(), versions);
        return answer(report);
    }


    private record StatusChange(OrderStatus status, String note, String trackingUrl) {
    }

    private static StatusChange validate(StatusChangeRequest body) {
        if (body == null) {
            throw new InvalidRequestException("body", "must be a JSON object with status");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (body.unknown() != null) {
            body.unknown().keySet().stream().sorted()
                    .forEach(field -> errors.add(new Problem.FieldError(field, "is not a field of this request")));
        }
        Optional<OrderStatus> status = OrderStatus.parse(body.status());
        if (body.status() == null || body.status().isBlank()) {
            errors.add(new Problem.FieldError("status", "must not be blank"));
        } else if (status.isEmpty()) {
            errors.add(new Problem.FieldError("status", "must be one of pending, awaiting_payment, paid, shipped,"
                    + " delivered, cancelled, refunded"));
        }
        String trackingUrl = blankToNull(body.trackingUrl());
        if (trackingUrl != null && trackingUrl.length() > MAX_TRACKING_URL) {
            errors.add(new Problem.FieldError("trackingUrl", "must be at most " + MAX_TRACKING_URL + " characters"));
        } else if (trackingUrl != null && !isHttpsUrl(trackingUrl)) {
            errors.add(new Problem.FieldError("trackingUrl", "must be an https URL"));
        }
        String note = blankToNull(body.note());
        if (note != null && note.length() > MAX_NOTE) {
            errors.add(new Problem.FieldError("note", "must be at most " + MAX_NOTE + " characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new StatusChange(status.orElseThrow(), note == null ? null : note.strip(), trackingUrl);
    }

    private static boolean isHttpsUrl(String value) {
        if (!TRACKING_URL.matcher(value).matches()) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return uri.getHost() != null && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static Response answer(OrderStatusReport report) {
        return Response.ok(OrderStatusView.of(report))
                .header(HttpHeaders.ETAG, EntityTags.of(report.version()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }
}
