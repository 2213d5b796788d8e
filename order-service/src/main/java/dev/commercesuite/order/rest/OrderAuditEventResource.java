package dev.commercesuite.order.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.commercesuite.defaults.paging.Cursor;
import dev.commercesuite.defaults.paging.Page;
import dev.commercesuite.defaults.problem.InvalidRequestException;
import dev.commercesuite.defaults.problem.Problem;
import dev.commercesuite.order.domain.AuditEvent;
import dev.commercesuite.order.service.OrderAudit;

/** The shop admin's view of the order audit log: who placed and changed which orders, newest first. */
@Path("/api/v1/orders/audit-events")
@Tag(name = "audit")
@RolesAllowed("admin")
public class OrderAuditEventResource {

    /** An audit event as the API shows it. */
    public record AuditEventView(UUID id, String action, String actor, String requestId, JsonNode metadata,
            Instant createdAt) {
    }

    private final OrderAudit audit;
    private final Callers callers;
    private final ObjectMapper json;

    public OrderAuditEventResource(OrderAudit audit, Callers callers, ObjectMapper json) {
        this.audit = audit;
        this.callers = callers;
        this.json = json;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The shop's order audit events, newest first, filtered by action, actor and time")
    @APIResponse(responseCode = "200", description = "{items, nextCursor}")
    @APIResponse(responseCode = "400", description = "A bad filter, limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No valid access token",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "Not an admin of a shop",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Page<AuditEventView> list(
            @Parameter(description = "Only this action: order-placed, order-status-changed")
            @QueryParam("action") @Pattern(regexp = "[a-z.-]{1,64}", message = "must be an action name") String action,
            @Parameter(description = "Only this actor: user:<id>, guest, system:<job>")
            @QueryParam("actor") @Pattern(regexp = "[A-Za-z0-9:._@-]{1,100}", message = "must be an actor such as"
                    + " user:<id>, guest or system:stale-orders") String actor,
            @Parameter(description = "From this instant (inclusive), ISO 8601") @QueryParam("from") String from,
            @Parameter(description = "Before this instant (exclusive), ISO 8601") @QueryParam("to") String to,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Page.MAX_LIMIT) int limit,
            @QueryParam(Cursor.PARAMETER) String cursor) {
        UUID tenant = callers.required().tenantId();
        Optional<Instant> fromInstant = instant("from", from);
        Optional<Instant> toInstant = instant("to", to);
        if (fromInstant.isPresent() && toInstant.isPresent() && !fromInstant.get().isBefore(toInstant.get())) {
            throw new InvalidRequestException("to", "must be after from");
        }
        OrderAudit.AuditPage page = audit.page(tenant, Optional.ofNullable(action), Optional.ofNullable(actor),
                fromInstant, toInstant, Cursor.decode(cursor), limit);
        return new Page<>(page.items().stream().map(this::view).toList(),
                page.next().map(Cursor::encode).orElse(null));
    }

    private AuditEventView view(AuditEvent event) {
        JsonNode metadata;
        try {
            metadata = json.readTree(event.metadata());
        } catch (JsonProcessingException e) {
            metadata = json.createObjectNode();
        }
        return new AuditEventView(event.id(), event.action(), event.actor(), event.requestId(), metadata,
                event.createdAt());
    }

    private static Optional<Instant> instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field, "must be an ISO 8601 instant such as 2026-11-25T12:00:00Z");
        }
    }
}
