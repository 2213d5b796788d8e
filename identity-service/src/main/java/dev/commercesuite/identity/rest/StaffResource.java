package dev.commercesuite.identity.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.commercesuite.identity.domain.User;
import dev.commercesuite.identity.service.StaffRoles;
import io.vertx.core.http.HttpServerRequest;

/**
 * The shop's admin makes a verified user of the shop staff, or a customer again. The role reaches the user's next
 * access token (login or refresh); another shop's user, and any user of a shop other than the admin's own, is 404.
 */
@Path("/api/v1/tenants/{tenantId}/staff/{userId}")
@Tag(name = "staff")
@RolesAllowed("admin")
public class StaffResource {

    /** A user of the shop and the role their next token carries. */
    public record StaffMemberView(UUID userId, String email, String name, String role) {

        static StaffMemberView of(User user) {
            return new StaffMemberView(user.id(), user.email(), user.name(), user.role().value());
        }
    }

    private final StaffRoles staff;
    private final JsonWebToken caller;
    private final HttpServerRequest http;

    public StaffResource(StaffRoles staff, JsonWebToken caller, HttpServerRequest http) {
        this.staff = staff;
        this.caller = caller;
        this.http = http;
    }

    @PUT
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make a verified user of the shop staff (from their next token); granting twice changes nothing")
    @APIResponse(responseCode = "200", description = "The user, now staff")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "404", description = "Not the caller's shop, or no such user in it")
    @APIResponse(responseCode = "409", description = "user-not-verified: the user has not verified their address;"
            + " role-change-refused: the user is an admin (the caller included), whose role this never changes")
    public StaffMemberView grant(@PathParam("tenantId") String tenantId, @PathParam("userId") String userId) {
        UUID tenant = OwnTenant.of(caller, tenantId);
        return staff.grant(tenant, user(userId), caller.getSubject(), RequestOrigins.of(http))
                .map(StaffMemberView::of).orElseThrow(NotFoundException::new);
    }

    @DELETE
    @Operation(summary = "Make a staff member a customer again (from their next token); revoking twice changes nothing")
    @APIResponse(responseCode = "204", description = "The user is not staff (any more)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "404", description = "Not the caller's shop, or no such user in it")
    @APIResponse(responseCode = "409", description = "role-change-refused: the user is an admin (the caller"
            + " included), whose role this never changes")
    public void revoke(@PathParam("tenantId") String tenantId, @PathParam("userId") String userId) {
        UUID tenant = OwnTenant.of(caller, tenantId);
        staff.revoke(tenant, user(userId), caller.getSubject(), RequestOrigins.of(http))
                .orElseThrow(NotFoundException::new);
    }

    /** The path's user id; a malformed one names nobody (404, as an unknown one). */
    private static UUID user(String userId) {
        try {
            return UUID.fromString(userId);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException();
        }
    }
}
