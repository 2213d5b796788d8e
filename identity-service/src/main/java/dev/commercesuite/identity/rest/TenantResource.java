package dev.commercesuite.identity.rest;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.commercesuite.identity.domain.Tier;
import dev.commercesuite.identity.service.TenantService;
import io.vertx.core.http.HttpServerRequest;

/** Shops: creating one is public (the first admin comes with it). */
@Path("/api/v1/tenants")
@Tag(name = "tenants")
public class TenantResource {

    private final TenantService tenants;
    private final HttpServerRequest http;

    public TenantResource(TenantService tenants, HttpServerRequest http) {
        this.tenants = tenants;
        this.http = http;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a shop and its first admin (unverified; a verification email is sent)")
    @APIResponse(responseCode = "201", description = "The shop, with its Location")
    @APIResponse(responseCode = "400", description = "Invalid fields, each named; every failed password rule listed")
    @APIResponse(responseCode = "409", description = "The slug is taken")
    @APIResponse(responseCode = "415", description = "Not JSON")
    public Response create(@Valid @NotNull CreateTenantRequest request) {
        TenantView tenant = TenantView.of(tenants.create(new TenantService.NewTenant(request.name(), request.slug(),
                request.adminEmail(), request.adminPassword(), request.adminName(),
                request.tier() == null ? null : Tier.of(request.tier())), RequestOrigins.of(http)));
        return Response.created(URI.create("/api/v1/tenants/" + tenant.id())).entity(tenant).build();
    }
}
