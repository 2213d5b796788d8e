package dev.commercesuite.order.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** identity-service's shop lookup, as a typed REST client; only {@link ShopLookup} uses it. */
@RegisterRestClient(configKey = "identity-tenants")
@Path("/internal/v1/tenants")
interface IdentityTenantsRestClient {

    @GET
    @Path("/{idOrSlug}")
    @Produces(MediaType.APPLICATION_JSON)
    Response get(@PathParam("idOrSlug") String idOrSlug, @HeaderParam("Authorization") String authorization);

    /** identity's answer: {@code {id, slug, name, status, tier}}, status and tier in lower case. */
    record TenantAnswer(String id, String slug, String name, String status, String tier) {
    }
}
