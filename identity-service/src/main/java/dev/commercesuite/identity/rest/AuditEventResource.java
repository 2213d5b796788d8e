package dev.commercesuite.identity.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.commercesuite.defaults.paging.Cursor;
import dev.commercesuite.defaults.paging.Page;
import dev.commercesuite.defaults.problem.InvalidRequestException;
import dev.commercesuite.defaults.security.TokenClaims;
import dev.commercesuite.identity.domain.AuditEvent;
import dev.commercesuite.identity.service.AuditLog;

/** The tenant admin's view of the shop's authentication audit log. */
@Path("/api/v1/audit-events")
@Tag(name = "audit")
@RolesAllowed("admin")
public class AuditEventResource {

    /** An audit event as the API shows it. */
    public record AuditEventView(UUID id, String action, String actor, String ip, String userAgent, String requestId,
            JsonNode metadata, Instant createdAt) {
    }

    private final AuditLog auditLog;
    private final JsonWebToken caller;
    private final ObjectMapper json;

    public AuditEventResource(AuditLog auditLog, JsonWebToken caller, ObjectMapper json) {
        this.auditLog = auditLog;
        this.caller = caller;
        this.json = json;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The tenant's audit events, newest first, filtered by action and time")
    @APIResponse(responseCode = "200", description = "{items, nextCursor}")
    @APIResponse(responseCode = "400", description = "A bad filter, limit or cursor")
    @APIResponse(responseCode = "403", description = "Not an admin of a tenant")
    public Page<AuditEventView> list(
            @QueryParam("action") @Pattern(regexp = "[a-z.-]{1,64}", message = "must be an action name") String action,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Page.MAX_LIMIT) int limit,
            @QueryParam(Cursor.PARAMETER) String cursor) {
        UUID tenant = tenant();
        AuditLog.AuditPage page = auditLog.page(tenant, Optional.ofNullable(action), instant("from", from),
                instant("to", to), Cursor.decode(cursor), limit);
        return new Page<>(page.items().stream().map(this::view).toList(), page.next().map(Cursor::encode)
                .orElse(null));
    }

    private AuditEventView view(AuditEvent event) {
        JsonNode metadata;
        try {
            metadata = json.readTree(event.metadata());
        } catch (JsonProcessingException e) {
            metadata = json.createObjectNode();
        }
        return new AuditEventView(event.id(), event.action(), event.actor(), event.ip(), event.userAgent(),
                event.requestId(), metadata, event.createdAt());
    }

    private UUID tenant() {
        return TokenClaims.uuid(caller.getClaim("tenant")).orElseThrow(ForbiddenException::new);
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
