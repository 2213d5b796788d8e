package dev.commercesuite.identity.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.commercesuite.identity.domain.TenantStatus;
import dev.commercesuite.identity.service.TenantService;
import io.vertx.core.http.HttpServerRequest;

/**
 * Shops as the platform's own services and operators see them (service token; never routed by the gateway): read a
 * shop by id or slug, suspend or reactivate it.
 */
@Path("/internal/v1/tenants")
@Tag(name = "internal")
@RolesAllowed("service")
public class InternalTenantResource {

    private final TenantService tenants;
    private final JsonWebToken caller;
    private final HttpServerRequest http;

    public InternalTenantResource(TenantService tenants, JsonWebToken caller, HttpServerRequest http) {
        this.tenants = tenants;
        this.caller = caller;
        this.http = http;
    }

    @GET
    @Path("/{idOrSlug}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A shop by id or slug, with its status and tier",
            description = "A reference written as a UUID (8-4-4-4-12 hex) is the shop's id, anything else its slug;"
                    + " a reference that is neither a known id nor a known slug, malformed ones included, is 404.")
    @APIResponse(responseCode = "200", description = "The shop: {id, slug, name, status, tier}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = InternalTenantView.class)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a service token")
    @APIResponse(responseCode = "404", description = "No such shop")
    public InternalTenantView get(@PathParam("idOrSlug") String idOrSlug) {
        return tenants.find(idOrSlug).map(InternalTenantView::of).orElseThrow(NotFoundException::new);
    }

    @PUT
    @Path("/{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Suspend a shop (its users can no longer log in, refresh or sign up) or reactivate it")
    @APIResponse(responseCode = "200", description = "The shop with its new status")
    @APIResponse(responseCode = "400", description = "Status other than active or suspended, or reason too long")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a service token")
    @APIResponse(responseCode = "404", description = "No such shop")
    public TenantView changeStatus(@PathParam("id") UUID id, @Valid @NotNull TenantStatusRequest request) {
        return tenants.changeStatus(id, TenantStatus.of(request.status()), request.reason(),
                "service:" + caller.getSubject(), RequestOrigins.of(http)).map(TenantView::of)
                .orElseThrow(NotFoundException::new);
    }
}
