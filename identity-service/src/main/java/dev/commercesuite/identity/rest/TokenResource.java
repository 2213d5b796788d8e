package dev.commercesuite.identity.rest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.commercesuite.identity.service.ApiKeys;
import dev.commercesuite.identity.service.ServiceTokenIssuer;
import io.vertx.core.http.HttpServerRequest;

/**
 * The OAuth 2.0 token endpoint for the client-credentials grant (RFC 6749 section 4.4). Clients authenticate with
 * form parameters or HTTP Basic (section 2.3.1); errors use the RFC's JSON error body, not problem+json, because
 * OAuth clients parse that shape.
 */
@Path("/api/v1/auth/token")
@Tag(name = "auth")
public class TokenResource {

    static final String CLIENT_CREDENTIALS = "client_credentials";

    private final ServiceTokenIssuer issuer;
    private final ApiKeys apiKeys;
    private final HttpServerRequest http;

    public TokenResource(ServiceTokenIssuer issuer, ApiKeys apiKeys, HttpServerRequest http) {
        this.issuer = issuer;
        this.apiKeys = apiKeys;
        this.http = http;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Client-credentials token for a service account (group service) or an API key (group integration)")
    @APIResponse(responseCode = "200", description = "{access_token, token_type, expires_in}")
    @APIResponse(responseCode = "400", description = "invalid_request or unsupported_grant_type (RFC 6749 5.2)")
    @APIResponse(responseCode = "401", description = "invalid_client")
    public Response token(@FormParam("grant_type") String grantType, @FormParam("client_id") String clientId,
            @FormParam("client_secret") String clientSecret,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (grantType == null || grantType.isBlank()) {
            return error(400, "invalid_request", "grant_type is required");
        }
        if (!CLIENT_CREDENTIALS.equals(grantType)) {
            return error(400, "unsupported_grant_type", "only client_credentials is supported here");
        }
        String[] basic = basicCredentials(authorization);
        if (basic != null && clientId != null) {
            return error(400, "invalid_request", "use either HTTP Basic or form parameters, not both");
        }
        String id = basic != null ? basic[0] : clientId;
        String secret = basic != null ? basic[1] : clientSecret;
        if (id == null || id.isBlank() || secret == null || secret.isEmpty() || id.length() > 200
                || secret.length() > 500) {
            return error(400, "invalid_request", "client_id and client_secret are required");
        }
        // an API key's id has its own form; anything else names a service account from the configuration
        return (ApiKeys.isKeyId(id) ? apiKeys.exchange(id, secret, RequestOrigins.of(http)) : issuer.issue(id, secret))
                .map(token -> noStore(Response.ok(Map.of("access_token", token.accessToken(), "token_type", "Bearer",
                        "expires_in", token.expiresIn()))))
                .orElseGet(() -> noStore(Response.status(401)
                        .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"commerce-suite\"")
                        .entity(Map.of("error", "invalid_client", "error_description", "client authentication failed"))));
    }

    private static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? new String[] {decoded, ""}
                    : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return new String[] {"", ""};
        }
    }

    private static Response error(int status, String error, String description) {
        return noStore(Response.status(status).entity(Map.of("error", error, "error_description", description)));
    }

    private static Response noStore(Response.ResponseBuilder response) {
        return response.type(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .build();
    }
}
