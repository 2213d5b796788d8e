package dev.commercesuite.identity.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.commercesuite.identity.domain.ApiKey;
import dev.commercesuite.identity.service.ApiKeys;
import io.vertx.core.http.HttpServerRequest;

/** The shop's API keys, managed by its admins; another shop's keys are never found (404). */
@Path("/api/v1/tenants/{tenantId}/api-keys")
@Tag(name = "api-keys")
@RolesAllowed("admin")
public class ApiKeyResource {

    /** A new key: {@code name}, and optionally when it stops working. */
    public record CreateApiKeyRequest(@NotBlank @Size(max = 100) String name, @Future Instant expiresAt) {
    }

    /** A key's metadata; never its secret. */
    public record ApiKeyView(String id, String name, String prefix, Instant createdAt, String createdBy,
            Instant lastUsedAt, Instant expiresAt, Instant revokedAt) {

        static ApiKeyView of(ApiKey key) {
            return new ApiKeyView(key.id(), key.name(), "cs_live_" + key.id(), key.createdAt(), key.createdBy(),
                    key.lastUsedAt(), key.expiresAt(), key.revokedAt());
        }
    }

    /** The answer to a create: the metadata and, this once, the whole key. */
    public record CreatedApiKeyView(String id, String name, String prefix, String key, Instant createdAt,
            Instant expiresAt) {
    }

    /** The keys of a shop (active keys are capped, so one page holds them). */
    public record ApiKeyList(List<ApiKeyView> items, String nextCursor) {
    }

    private final ApiKeys keys;
    private final JsonWebToken caller;
    private final HttpServerRequest http;

    public ApiKeyResource(ApiKeys keys, JsonWebToken caller, HttpServerRequest http) {
        this.keys = keys;
        this.caller = caller;
        this.http = http;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API key; the answer is the only time the whole key is shown")
    @APIResponse(responseCode = "201", description = "The key, with its secret, and its Location")
    @APIResponse(responseCode = "400", description = "Missing or too long name, expiry not in the future")
    @APIResponse(responseCode = "404", description = "Not the caller's shop")
    @APIResponse(responseCode = "409", description = "The shop already has the most active keys allowed (20)")
    public Response create(@PathParam("tenantId") String tenantId, @Valid @NotNull CreateApiKeyRequest request) {
        UUID tenant = ownTenant(tenantId);
        ApiKeys.CreatedKey created = keys.create(tenant, request.name().strip(), request.expiresAt(), actor(),
                RequestOrigins.of(http));
        ApiKey key = created.key();
        return Response.created(URI.create("/api/v1/tenants/" + tenant + "/api-keys/" + key.id()))
                .header("Cache-Control", "no-store")
                .entity(new CreatedApiKeyView(key.id(), key.name(), "cs_live_" + key.id(), created.secretKey(),
                        key.createdAt(), key.expiresAt()))
                .build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The shop's API keys, newest first, without their secrets")
    @APIResponse(responseCode = "200", description = "{items, nextCursor}")
    @APIResponse(responseCode = "404", description = "Not the caller's shop")
    public ApiKeyList list(@PathParam("tenantId") String tenantId) {
        return new ApiKeyList(keys.list(ownTenant(tenantId)).stream().map(ApiKeyView::of).toList(), null);
    }

    @DELETE
    @Path("/{keyId}")
    @Operation(summary = "Revoke an API key; tokens already issued for it run out within 15 minutes")
    @APIResponse(responseCode = "204", description = "Revoked (or already revoked)")
    @APIResponse(responseCode = "404", description = "No such key in the caller's shop")
    public void revoke(@PathParam("tenantId") String tenantId, @PathParam("keyId") String keyId) {
        if (!keys.revoke(ownTenant(tenantId), keyId, actor(), RequestOrigins.of(http))) {
            throw new NotFoundException();
        }
    }

    private UUID ownTenant(String tenantId) {
        return OwnTenant.of(caller, tenantId);
    }

    private String actor() {
        return caller.getSubject();
    }
}
