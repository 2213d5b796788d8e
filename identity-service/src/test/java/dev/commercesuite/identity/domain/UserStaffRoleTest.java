package dev.commercesuite.identity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Who may become staff and stop being staff: the user's own rules. */
class UserStaffRoleTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void aVerifiedCustomerBecomesStaffOnceAndACustomerAgainOnce() {
        User user = user(Role.CUSTOMER, true);
        assertTrue(user.grantStaff());
        assertEquals(Role.STAFF, user.role());
        assertFalse(user.grantStaff(), "granting twice changes nothing");
        assertEquals(Role.STAFF, user.role());
        assertTrue(user.revokeStaff());
        assertEquals(Role.CUSTOMER, user.role());
        assertFalse(user.revokeStaff(), "revoking twice changes nothing");
        assertEquals(Role.CUSTOMER, user.role());
    }

    @Test
    void anUnverifiedUserIsNotMadeStaff() {
        User user = user(Role.CUSTOMER, false);
        assertThrows(UserNotVerifiedException.class, user::grantStaff);
        assertEquals(Role.CUSTOMER, user.role());
        assertFalse(user.revokeStaff(), "an unverified customer is not staff, so there is nothing to revoke");
    }

    @Test
    void anAdminsRoleIsNeverChangedByGrantingOrRevokingStaff() {
        User admin = user(Role.ADMIN, true);
        assertEquals(Role.ADMIN, assertThrows(RoleChangeRefusedException.class, admin::grantStaff).current());
        assertThrows(RoleChangeRefusedException.class, admin::revokeStaff);
        assertEquals(Role.ADMIN, admin.role());
        User unverifiedAdmin = user(Role.ADMIN, false);
        assertThrows(RoleChangeRefusedException.class, unverifiedAdmin::grantStaff);
    }

    private static User user(Role role, boolean verified) {
        User user = User.register(UUID.randomUUID(), UUID.randomUUID(), "ada@example.com", "Ada", "hash", role, NOW);
        if (verified) {
            user.markVerified(NOW);
        }
        return user;
    }
}
