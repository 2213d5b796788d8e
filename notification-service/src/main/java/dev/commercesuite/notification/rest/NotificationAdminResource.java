package dev.commercesuite.notification.rest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
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

import dev.commercesuite.defaults.paging.Page;
import dev.commercesuite.defaults.security.TokenClaims;
import dev.commercesuite.notification.domain.EmailStatus;
import dev.commercesuite.notification.domain.StoredEmail;
import dev.commercesuite.notification.repository.EmailRepository;
import dev.commercesuite.notification.repository.EmailRepository.PageCursor;
import dev.commercesuite.defaults.problem.InvalidRequestException;

/** The tenant admin's view of the shop's emails: list by status, and retry a dead one. */
@Path("/api/v1/notifications")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notifications")
public class NotificationAdminResource {

    static final String TENANT_CLAIM = "tenant";

    private final EmailRepository emails;
    private final JsonWebToken caller;

    public NotificationAdminResource(EmailRepository emails, JsonWebToken caller) {
        this.emails = emails;
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
            @QueryParam("cursor") String cursor) {
        List<StoredEmail> rows = emails.page(tenant(), parseStatus(status), limit + 1, parseCursor(cursor));
        boolean more = rows.size() > limit;
        List<StoredEmail> page = more ? rows.subList(0, limit) : rows;
        String next = more ? encode(page.get(page.size() - 1)) : null;
        return new Page<>(page.stream().map(EmailView::of).toList(), next);
    }

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Queue a dead email again, with a fresh attempt budget")
    @APIResponse(responseCode = "202", description = "Queued")
    @APIResponse(responseCode = "404", description = "No such email in this tenant")
    @APIResponse(responseCode = "409", description = "The email is not dead")
    public Response retry(@PathParam("id") UUID id) {
        String tenant = tenant();
        StoredEmail email = emails.findForTenant(id, tenant).orElseThrow(NotFoundException::new);
        if (!emails.requeueDead(id, tenant)) {
            throw new EmailNotDeadException(email.status());
        }
        return Response.accepted(new EmailAccepted(id, EmailStatus.QUEUED.value())).build();
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

    private static Optional<PageCursor> parseCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Optional.empty();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            return Optional.of(new PageCursor(Instant.parse(parts[0]), UUID.fromString(parts[1])));
        } catch (RuntimeException e) {
            throw new InvalidRequestException("cursor", "is not a cursor this endpoint returned");
        }
    }

    private static String encode(StoredEmail last) {
        String raw = last.createdAt() + "|" + last.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
