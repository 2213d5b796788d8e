package dev.commercesuite.identity.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.commercesuite.defaults.security.TokenClaims;
import dev.commercesuite.identity.service.Profiles;
import dev.commercesuite.identity.service.PasswordChanges;
import io.vertx.core.http.HttpServerRequest;

/** The signed-in user's own account. */
@Path("/api/v1/users/me")
@Tag(name = "users")
@RolesAllowed({"admin", "staff", "customer"})
public class UserResource {

    private final Profiles profiles;
    private final PasswordChanges passwords;
    private final JsonWebToken caller;
    private final HttpServerRequest http;

    public UserResource(Profiles profiles, PasswordChanges passwords, JsonWebToken caller, HttpServerRequest http) {
        this.profiles = profiles;
        this.passwords = passwords;
        this.caller = caller;
        this.http = http;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The profile of the user the access token belongs to")
    @APIResponse(responseCode = "200", description = "The profile")
    @APIResponse(responseCode = "401", description = "No valid access token")
    public ProfileView me() {
        return profiles.find(required(caller.getSubject()), required(caller.getClaim("tenant")))
                .map(ProfileView::of).orElseThrow(NotFoundException::new);
    }

    @POST
    @Path("/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the caller's password; every other session of the caller is signed out")
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "400", description = "Wrong current password, or the new one fails the policy or is the same")
    @APIResponse(responseCode = "401", description = "No valid access token")
    public void changePassword(@Valid @NotNull ChangePasswordRequest request) {
        if (!passwords.change(required(caller.getSubject()), required(caller.getClaim("tenant")),
                TokenClaims.uuid(caller.getClaim("sid")).orElse(null),
                new PasswordChanges.Change(request.currentPassword(), request.newPassword()),
                RequestOrigins.of(http))) {
            throw new NotFoundException();
        }
    }

    /** The claim as a UUID; a token without it (or with something else) finds nothing here. */
    private static UUID required(Object claim) {
        return TokenClaims.uuid(claim).orElseThrow(NotFoundException::new);
    }
}
