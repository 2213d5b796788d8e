package dev.commercesuite.identity.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.commercesuite.identity.service.JsonWebKeys;

/** The public keys that verify this service's tokens, for the other services and the gateway. */
@Path("/.well-known/jwks.json")
@Tag(name = "auth")
public class JwksResource {

    static final String JWK_SET = "application/jwk-set+json";

    private final JsonWebKeys keys;

    public JwksResource(JsonWebKeys keys) {
        this.keys = keys;
    }

    @GET
    @Produces({JWK_SET, "application/json"})
    @Operation(summary = "JSON Web Key Set of the active verification keys")
    public Response jwks() {
        return Response.ok(keys.jwks())
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=300")
                .build();
    }
}
