package dev.commercesuite.identity.rest;

import java.util.UUID;

import jakarta.ws.rs.NotFoundException;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.commercesuite.defaults.security.TokenClaims;

/** The shop a path names, when it is the caller's own; any other shop, or a malformed id, is not found (404). */
final class OwnTenant {

    private OwnTenant() {
    }

    static UUID of(JsonWebToken caller, String tenantId) {
        return TokenClaims.uuid(caller.getClaim("tenant")).filter(own -> own.toString().equals(tenantId))
                .orElseThrow(NotFoundException::new);
    }
}
