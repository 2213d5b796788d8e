package dev.commercesuite.identity.domain;

/**
 * A role change a user's current role does not allow: an admin is never made staff or customer by granting or
 * revoking staff (not by another admin, not by themselves), so a shop cannot lose its admins that way.
 */
public class RoleChangeRefusedException extends RuntimeException {

    private final Role current;

    public RoleChangeRefusedException(Role current) {
        super("the role " + current.value() + " is not changed by granting or revoking staff");
        this.current = current;
    }

    public Role current() {
        return current;
    }
}
