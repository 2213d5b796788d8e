package dev.commercesuite.identity.service;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.identity.domain.RequestOrigin;
import dev.commercesuite.identity.domain.Role;
import dev.commercesuite.identity.domain.User;
import dev.commercesuite.identity.repository.AuditEventRepository;
import dev.commercesuite.identity.repository.UserRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A shop's admin grants and revokes the {@code staff} role of the shop's users. The rules are the user's own
 * ({@link User#grantStaff()}, {@link User#revokeStaff()}); here the user is loaded within the shop only (another
 * shop's user is not found), locked so that concurrent changes apply one after the other, and each change that
 * happens is audited as {@code staff.granted} or {@code staff.revoked} with the acting admin and the user. A change
 * reaches the user's next access token (login or refresh read the role); tokens already issued run out within 15
 * minutes.
 */
@ApplicationScoped
public class StaffRoles {

    private final UserRepository users;
    private final AuditEventRepository audit;

    public StaffRoles(UserRepository users, AuditEventRepository audit) {
        this.users = users;
        this.audit = audit;
    }

    /** Makes the user staff; empty when the shop has no such user. */
    public Optional<User> grant(UUID tenantId, UUID userId, String actor, RequestOrigin origin) {
        return change(tenantId, userId, actor, origin, true);
    }

    /** Makes the staff member a customer again; empty when the shop has no such user. */
    public Optional<User> revoke(UUID tenantId, UUID userId, String actor, RequestOrigin origin) {
        return change(tenantId, userId, actor, origin, false);
    }

    private Optional<User> change(UUID tenantId, UUID userId, String actor, RequestOrigin origin, boolean grant) {
        return QuarkusTransaction.requiringNew().call(() -> users.lockInTenant(userId, tenantId).map(user -> {
                    Role before = user.role();
                    boolean changed = grant ? user.grantStaff() : user.revokeStaff();
                    if (changed) {
                        audit.record(tenantId, actor, grant ? "staff.granted" : "staff.revoked", origin,
                                Map.of("user", userId.toString(), "from", before.value(),
                                        "to", user.role().value()));
                    }
                    return user;
                }));
    }
}
