package dev.commercesuite.identity.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A user of one shop; the address is unique within the shop. Only the Argon2id hash of the password is kept. */
@Entity
@Table(name = "users")
public class User {

    @Id
    private UUID id;

    @Column(name = "tenant_id")
    private UUID tenantId;

    private String email;

    private String name;

    @Column(name = "password_hash")
    private String passwordHash;

    @Convert(converter = RoleConverter.class)
    private Role role;

    @Column(name = "email_verified_at")
    private Instant emailVerifiedAt;

    @Column(name = "created_at")
    private Instant createdAt;

    @Embedded
    private Lockout lockout = new Lockout();

    protected User() {
    }

    /** A new, unverified user. */
    public static User register(UUID id, UUID tenantId, String email, String name, String passwordHash, Role role,
            Instant now) {
        User user = new User();
        user.id = id;
        user.tenantId = tenantId;
        user.email = email;
        user.name = name;
        user.passwordHash = passwordHash;
        user.role = role;
        user.createdAt = now;
        return user;
    }

    public boolean isVerified() {
        return emailVerifiedAt != null;
    }

    /** The address is proven (a link we sent it was used); the first proof's time is kept. */
    public void markVerified(Instant now) {
        if (emailVerifiedAt == null) {
            emailVerifiedAt = now;
        }
    }

    /** A correct password: the lockout is cleared, and the hash replaced when it was made with weaker parameters. */
    public void loginSucceeded(String upgradedHash) {
        lockout().clear();
        if (upgradedHash != null) {
            passwordHash = upgradedHash;
        }
    }

    /** A new password (changed or reset) clears the lockout too. */
    public void replacePassword(String newHash) {
        passwordHash = newHash;
        lockout().clear();
    }

    /**
     * Makes this user staff of their shop; answers false when they already were. Only a verified customer can
     * become staff: an unverified user is refused (nobody should act for a shop under an address nobody proved), and
     * so is an admin, whose role this never lowers. Takes effect with the user's next access token.
     */
    public boolean grantStaff() {
        if (role == Role.ADMIN) {
            throw new RoleChangeRefusedException(role);
        }
        if (!isVerified()) {
            throw new UserNotVerifiedException();
        }
        if (role == Role.STAFF) {
            return false;
        }
        role = Role.STAFF;
        return true;
    }

    /**
     * Makes a staff member a customer again; answers false when the user was not staff. An admin is refused, as in
     * {@link #grantStaff()}. Takes effect with the user's next access token.
     */
    public boolean revokeStaff() {
        if (role == Role.ADMIN) {
            throw new RoleChangeRefusedException(role);
        }
        if (role != Role.STAFF) {
            return false;
        }
        role = Role.CUSTOMER;
        return true;
    }

    public Lockout lockout() {
        // Hibernate leaves an embedded object null when all its columns are; failed_logins never is, but be safe
        if (lockout == null) {
            lockout = new Lockout();
        }
        return lockout;
    }

    public UUID id() {
        return id;
    }

    public UUID tenantId() {
        return tenantId;
    }

    public String email() {
        return email;
    }

    public String name() {
        return name;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Role role() {
        return role;
    }

    public Instant emailVerifiedAt() {
        return emailVerifiedAt;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
