package dev.commercesuite.identity.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.commercesuite.identity.repository.IdentityRepository;

/** The signed-in user's own account. */
@Path("/api/v1/users/me")
@Tag(name = "users")
@RolesAllowed({"admin", "staff", "customer"})
public class UserResource {

    private final IdentityRepository repository;
    private final JsonWebToken caller;

    public UserResource(IdentityRepository repository, JsonWebToken caller) {
        this.repository = repository;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The profile of the user the access token belongs to")
    @APIResponse(responseCode = "200", description = "The profile")
    @APIResponse(responseCode = "401", description = "No valid access token")
    public ProfileView me() {
        UUID userId = uuid(caller.getSubject());
        Object tenant = caller.getClaim("tenant");
        UUID tenantId = tenant == null ? null : uuid(tenant.toString().replace("\"", ""));
        if (userId == null || tenantId == null) {
            throw new NotFoundException();
        }
        return repository.findProfile(userId, tenantId).map(ProfileView::of).orElseThrow(NotFoundException::new);
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
