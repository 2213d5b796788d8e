package dev.commercesuite.order.domain;

import java.util.Set;
import java.util.UUID;

/**
 * Who is calling, from a verified access token: the user, their shop, their email address (the token's {@code upn})
 * and their roles. A request without a token has no caller.
 */
public record Caller(UUID userId, UUID tenantId, String email, Set<String> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    /** The shop's admin. */
    public boolean isAdmin() {
        return roles.contains("admin");
    }

    /** Staff or admin: may see and move all the shop's orders. */
    public boolean isStaff() {
        return roles.contains("staff") || isAdmin();
    }

    /** How the timeline and audit log name this caller. */
    public String actor() {
        return "user:" + userId;
    }
}
