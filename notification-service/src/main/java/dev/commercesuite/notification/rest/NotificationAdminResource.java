package dev.commercesuite.notification.rest;

import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.commercesuite.defaults.paging.Cursor;
import dev.commercesuite.defaults.paging.Page;
import dev.commercesuite.defaults.problem.InvalidRequestException;
import dev.commercesuite.defaults.security.TokenClaims;
import dev.commercesuite.notification.domain.EmailStatus;
import dev.commercesuite.notification.domain.StoredEmail;
import dev.commercesuite.notification.service.NotificationAdminService;

/** The tenant admin's view of the shop's emails: list by status, and retry a dead one. */
@Path("/api/v1/notifications")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notifications")
public class NotificationAdminResource {

    static final String TENANT_CLAIM = "tenant";

    private final NotificationAdminService admin;
    private final JsonWebToken caller;

    public NotificationAdminResource(NotificationAdminService admin, JsonWebToken caller) {
        this.admin = admin;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The tenant's emails, newest first")
    @APIResponse(responseCode = "200", description = "{items, nextCursor}")
    @APIResponse(responseCode = "400", description = "Unknown status, limit out of range or bad cursor")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public Page<EmailView> list(@QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Page.MAX_LIMIT) int limit,
            @QueryParam(Cursor.PARAMETER) String cursor) {
        Page<StoredEmail> page = admin.list(tenant(), parseStatus(status), limit, Cursor.decode(cursor));
        return new Page<>(page.items().stream().map(EmailView::of).toList(), page.nextCursor());
    }

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Queue a dead email again, with a fresh attempt budget")
    @APIResponse(responseCode = "202", description = "Queued")
    @APIResponse(responseCode = "404", description = "No such email in this tenant")
    @APIResponse(responseCode = "409", description = "The email is not dead")
    public Response retry(@PathParam("id") UUID id) {
        UUID queued = admin.retry(id, tenant()).orElseThrow(NotFoundException::new);
        return Response.accepted(new EmailAccepted(queued, EmailStatus.QUEUED.value())).build();
    }

    private String tenant() {
        return TokenClaims.text(caller.getClaim(TENANT_CLAIM)).orElseThrow(ForbiddenException::new);
    }

    private static Optional<EmailStatus> parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(EmailStatus.of(status));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("status", "must be one of queued, sending, sent, dead");
        }
    }
}
