package dev.commercesuite.identity.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.commercesuite.identity.service.RequestOrigin;
import dev.commercesuite.identity.service.SlugTakenException;

/**
 * Tenants, users, verification tokens and audit events in PostgreSQL, in plain JDBC. Called inside a transaction,
 * every statement joins it (Agroal enlists the connection), so a change and its audit event commit together.
 */
@ApplicationScoped
public class IdentityRepository {

    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final ObjectMapper json;

    public IdentityRepository(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public void insertTenant(UUID id, String slug, String name, String tier, Instant createdAt) {
        try {
            execute("INSERT INTO tenants (id, slug, name, tier, status, created_at) VALUES (?, ?, ?, ?, 'active', ?)",
                    id, slug, name, tier, utc(createdAt));
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new SlugTakenException(slug);
            }
            throw new IllegalStateException("could not store the tenant", e);
        }
    }

    public void insertUser(UUID id, UUID tenantId, String email, String name, String passwordHash, String role,
            Instant createdAt) {
        update("INSERT INTO users (id, tenant_id, email, name, password_hash, role, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", id, tenantId, email, name, passwordHash, role, utc(createdAt));
    }

    /** Stores a verification token's digest, voiding the user's older unused ones. */
    public void replaceVerificationToken(UUID userId, byte[] tokenSha256, Instant expiresAt) {
        update("UPDATE email_verification_tokens SET used_at = now() WHERE user_id = ? AND used_at IS NULL", userId);
        update("INSERT INTO email_verification_tokens (token_sha256, user_id, expires_at, created_at)"
                + " VALUES (?, ?, ?, now())", tokenSha256, userId, utc(expiresAt));
    }

    /** A shop as stored. */
    public record Tenant(UUID id, String slug, String name, String tier, String status, Instant createdAt) {
    }

    public Optional<Tenant> findTenant(UUID id) {
        return query("SELECT id, slug, name, tier, status, created_at FROM tenants WHERE id = ?", IdentityRepository::tenant,
                id);
    }

    /** Sets a tenant's status with the row locked; answers the tenant as it was before the change. */
    public Optional<Tenant> updateTenantStatus(UUID id, String status) {
        Optional<Tenant> before = query("SELECT id, slug, name, tier, status, created_at FROM tenants WHERE id = ?"
                + " FOR UPDATE", IdentityRepository::tenant, id);
        before.ifPresent(tenant -> update("UPDATE tenants SET status = ? WHERE id = ?", status, id));
        return before;
    }

    private static Tenant tenant(ResultSet rows) throws SQLException {
        return new Tenant(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3), rows.getString(4),
                rows.getString(5), instant(rows, 6));
    }

    /** The tenant with this slug: its id, and whether it is active. */
    public Optional<TenantRef> findTenantBySlug(String slug) {
        return query("SELECT id, status = 'active' FROM tenants WHERE slug = ?",
                rows -> new TenantRef(rows.getObject(1, UUID.class), rows.getBoolean(2)), slug);
    }

    /** A user of the tenant by address: id, name, and whether the address is verified. */
    public Optional<UserRef> findUser(UUID tenantId, String email) {
        return query("SELECT id, name, email_verified_at IS NOT NULL FROM users WHERE tenant_id = ? AND email = ?",
                rows -> new UserRef(rows.getObject(1, UUID.class), rows.getString(2), rows.getBoolean(3)), tenantId,
                email);
    }

    public record UserRef(UUID id, String name, boolean verified) {
    }

    public Optional<UUID> findUserId(UUID tenantId, String email) {
        return query("SELECT id FROM users WHERE tenant_id = ? AND email = ?", rows -> rows.getObject(1, UUID.class),
                tenantId, email);
    }

    /**
     * Uses a verification token, in one statement: only an unused, unexpired token matches, and only once, however
     * many requests race with it. Returns the user it verifies.
     */
    public Optional<UUID> consumeVerificationToken(byte[] tokenSha256) {
        return query("UPDATE email_verification_tokens SET used_at = now()"
                + " WHERE token_sha256 = ? AND used_at IS NULL AND expires_at > now() RETURNING user_id",
                rows -> rows.getObject(1, UUID.class), (Object) tokenSha256);
    }

    /** Marks the user's address verified; returns who they are, for the welcome email and the audit log. */
    public Optional<VerifiedUser> markVerified(UUID userId) {
        return query("UPDATE users SET email_verified_at = coalesce(email_verified_at, now()) WHERE id = ?"
                + " RETURNING tenant_id, email, name", rows -> new VerifiedUser(userId, rows.getObject(1, UUID.class),
                        rows.getString(2), rows.getString(3)), userId);
    }

    public record TenantRef(UUID id, boolean active) {
    }

    /** What login needs of an account, read with a row lock so concurrent attempts count one after the other. */
    public record LoginAccount(UUID id, UUID tenantId, String email, String name, String role, String passwordHash,
            boolean verified, String tier, int failedLogins, Instant failureWindowStart, Instant lockedUntil) {
    }

    public Optional<LoginAccount> findAccountForLogin(UUID tenantId, String email) {
        return account(tenantId, email, "");
    }

    public Optional<LoginAccount> lockAccountForLogin(UUID tenantId, String email) {
        return account(tenantId, email, " FOR UPDATE OF u");
    }

    private Optional<LoginAccount> account(UUID tenantId, String email, String lock) {
        return query("SELECT u.id, u.tenant_id, u.email, u.name, u.role, u.password_hash,"
                + " u.email_verified_at IS NOT NULL, t.tier, u.failed_logins, u.failure_window_start, u.locked_until"
                + " FROM users u JOIN tenants t ON t.id = u.tenant_id WHERE u.tenant_id = ? AND u.email = ?" + lock,
                rows -> new LoginAccount(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class),
                        rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6), rows.getBoolean(7),
                        rows.getString(8), rows.getInt(9), instant(rows, 10), instant(rows, 11)),
                tenantId, email);
    }

    public void recordLoginFailure(UUID userId, int failedLogins, Instant windowStart, Instant lockedUntil) {
        update("UPDATE users SET failed_logins = ?, failure_window_start = ?, locked_until = ? WHERE id = ?",
                failedLogins, utc(windowStart), lockedUntil == null ? null : utc(lockedUntil), userId);
    }

    public void recordLoginSuccess(UUID userId, String newPasswordHash) {
        if (newPasswordHash == null) {
            update("UPDATE users SET failed_logins = 0, failure_window_start = NULL, locked_until = NULL WHERE id = ?",
                    userId);
        } else {
            update("UPDATE users SET failed_logins = 0, failure_window_start = NULL, locked_until = NULL,"
                    + " password_hash = ? WHERE id = ?", newPasswordHash, userId);
        }
    }

    public void insertRefreshToken(byte[] tokenSha256, UUID familyId, UUID userId, Instant expiresAt) {
        update("INSERT INTO refresh_tokens (token_sha256, family_id, user_id, expires_at, created_at)"
                + " VALUES (?, ?, ?, ?, now())", tokenSha256, familyId, userId, utc(expiresAt));
    }

    /** A refresh token's state, read with a row lock so two concurrent uses of one token are ordered. */
    public record RefreshToken(UUID familyId, UUID userId, Instant expiresAt, boolean rotated, boolean revoked) {
    }

    public Optional<RefreshToken> lockRefreshToken(byte[] tokenSha256) {
        return query("SELECT family_id, user_id, expires_at, rotated_at IS NOT NULL, revoked_at IS NOT NULL"
                + " FROM refresh_tokens WHERE token_sha256 = ? FOR UPDATE",
                rows -> new RefreshToken(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class),
                        instant(rows, 3), rows.getBoolean(4), rows.getBoolean(5)), (Object) tokenSha256);
    }

    public void markRotated(byte[] tokenSha256) {
        update("UPDATE refresh_tokens SET rotated_at = now() WHERE token_sha256 = ?", (Object) tokenSha256);
    }

    public void revokeFamily(UUID familyId) {
        update("UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = ? AND revoked_at IS NULL", familyId);
    }

    /** The account behind a user id, for issuing its next access token (no row lock). */
    public Optional<LoginAccount> findAccountById(UUID userId) {
        return query("SELECT u.id, u.tenant_id, u.email, u.name, u.role, u.password_hash,"
                + " u.email_verified_at IS NOT NULL, t.tier, u.failed_logins, u.failure_window_start, u.locked_until,"
                + " t.status = 'active' FROM users u JOIN tenants t ON t.id = u.tenant_id WHERE u.id = ?",
                rows -> rows.getBoolean(12) ? new LoginAccount(rows.getObject(1, UUID.class),
                        rows.getObject(2, UUID.class), rows.getString(3), rows.getString(4), rows.getString(5),
                        rows.getString(6), rows.getBoolean(7), rows.getString(8), rows.getInt(9), instant(rows, 10),
                        instant(rows, 11)) : null, userId);
    }

    /** Locks the user's row for the rest of the transaction. */
    public void lockUser(UUID userId) {
        query("SELECT id FROM users WHERE id = ? FOR UPDATE", rows -> rows.getObject(1, UUID.class), userId);
    }

    public int countResetTokensSince(UUID userId, Instant since) {
        return query("SELECT count(*) FROM password_reset_tokens WHERE user_id = ? AND created_at > ?",
                rows -> rows.getInt(1), userId, utc(since)).orElse(0);
    }

    /** Stores a reset token's digest, voiding the user's older unused ones. */
    public void replaceResetToken(UUID userId, byte[] tokenSha256, Instant now, Instant expiresAt) {
        update("UPDATE password_reset_tokens SET used_at = ? WHERE user_id = ? AND used_at IS NULL", utc(now), userId);
        update("INSERT INTO password_reset_tokens (token_sha256, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)",
                tokenSha256, userId, utc(expiresAt), utc(now));
    }

    /** Whose password an unused, unexpired reset token of an active shop would set. */
    public record ResetTarget(UUID userId, UUID tenantId, String tenantSlug, String email, String name) {
    }

    public Optional<ResetTarget> findResetTarget(byte[] tokenSha256, Instant now) {
        return query("SELECT u.id, u.tenant_id, t.slug, u.email, u.name FROM password_reset_tokens r"
                + " JOIN users u ON u.id = r.user_id JOIN tenants t ON t.id = u.tenant_id"
                + " WHERE r.token_sha256 = ? AND r.used_at IS NULL AND r.expires_at > ? AND t.status = 'active'",
                rows -> new ResetTarget(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class),
                        rows.getString(3), rows.getString(4), rows.getString(5)), tokenSha256, utc(now));
    }

    /** Uses a reset token in one statement: answers its user only if it was unused and unexpired. */
    public Optional<UUID> consumeResetToken(byte[] tokenSha256, Instant now) {
        return query("UPDATE password_reset_tokens SET used_at = ? WHERE token_sha256 = ? AND used_at IS NULL"
                + " AND expires_at > ? RETURNING user_id", rows -> rows.getObject(1, UUID.class), utc(now),
                tokenSha256, utc(now));
    }

    /** Sets a new password hash and clears the lockout state. */
    public void replacePassword(UUID userId, String passwordHash) {
        update("UPDATE users SET password_hash = ?, failed_logins = 0, failure_window_start = NULL,"
                + " locked_until = NULL WHERE id = ?", passwordHash, userId);
    }

    /** Revokes every live refresh-token family of the user except {@code keepFamily} (may be null); answers how many. */
    public int revokeFamiliesOf(UUID userId, UUID keepFamily) {
        return query("WITH revoked AS (UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = ?"
                + " AND revoked_at IS NULL AND (?::uuid IS NULL OR family_id <> ?::uuid) RETURNING family_id)"
                + " SELECT count(DISTINCT family_id) FROM revoked", rows -> rows.getInt(1), userId, keepFamily,
                keepFamily).orElse(0);
    }

    /** Locks the tenant's row for the rest of the transaction. */
    public void lockTenant(UUID tenantId) {
        query("SELECT id FROM tenants WHERE id = ? FOR UPDATE", rows -> rows.getObject(1, UUID.class), tenantId);
    }

    /** An API key as stored, with its shop's status and tier. */
    public record ApiKey(String id, UUID tenantId, String name, byte[] secretSha256, String createdBy,
            Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt, boolean tenantActive,
            String tier) {
    }

    private static final String API_KEY_COLUMNS = "k.id, k.tenant_id, k.name, k.secret_sha256, k.created_by,"
            + " k.created_at, k.expires_at, k.last_used_at, k.revoked_at, t.status = 'active', t.tier"
            + " FROM api_keys k JOIN tenants t ON t.id = k.tenant_id";

    private static ApiKey apiKey(ResultSet rows) throws SQLException {
        return new ApiKey(rows.getString(1), rows.getObject(2, UUID.class), rows.getString(3), rows.getBytes(4),
                rows.getString(5), instant(rows, 6), instant(rows, 7), instant(rows, 8), instant(rows, 9),
                rows.getBoolean(10), rows.getString(11));
    }

    public int countActiveApiKeys(UUID tenantId, Instant now) {
        return query("SELECT count(*) FROM api_keys WHERE tenant_id = ? AND revoked_at IS NULL"
                + " AND (expires_at IS NULL OR expires_at > ?)", rows -> rows.getInt(1), tenantId, utc(now)).orElse(0);
    }

    public ApiKey insertApiKey(String id, UUID tenantId, String name, byte[] secretSha256, String createdBy,
            Instant createdAt, Instant expiresAt) {
        update("INSERT INTO api_keys (id, tenant_id, name, secret_sha256, created_by, created_at, expires_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", id, tenantId, name, secretSha256, createdBy, utc(createdAt),
                expiresAt == null ? null : utc(expiresAt));
        return findApiKey(id).orElseThrow();
    }

    /** The key with this id, in whichever tenant: the caller checks the secret before anything else. */
    public Optional<ApiKey> findApiKey(String id) {
        return query("SELECT " + API_KEY_COLUMNS + " WHERE k.id = ?", IdentityRepository::apiKey, id);
    }

    /** The tenant's keys, newest first (at most a few dozen: active keys are capped). */
    public java.util.List<ApiKey> listApiKeys(UUID tenantId) {
        return list("SELECT " + API_KEY_COLUMNS + " WHERE k.tenant_id = ? ORDER BY k.created_at DESC, k.id LIMIT 200",
                IdentityRepository::apiKey, tenantId);
    }

    /**
     * Revokes the tenant's key {@code id}: empty when the tenant has no such key, else whether this call revoked it
     * (false when it already was).
     */
    public Optional<Boolean> revokeApiKey(UUID tenantId, String id, Instant now) {
        return query("WITH target AS (SELECT id, revoked_at FROM api_keys WHERE id = ? AND tenant_id = ? FOR UPDATE),"
                + " revoked AS (UPDATE api_keys SET revoked_at = ? WHERE id IN (SELECT id FROM target"
                + " WHERE revoked_at IS NULL) RETURNING id)"
                + " SELECT EXISTS (SELECT 1 FROM revoked) FROM target", rows -> rows.getBoolean(1), id, tenantId,
                utc(now));
    }

    public void touchApiKey(String id, Instant now) {
        update("UPDATE api_keys SET last_used_at = ? WHERE id = ?", utc(now), id);
    }

    /** A user's profile, only within its own tenant. */
    public record Profile(UUID id, UUID tenantId, String email, String name, String role, boolean emailVerified,
            Instant createdAt) {
    }

    public Optional<Profile> findProfile(UUID userId, UUID tenantId) {
        return query("SELECT id, tenant_id, email, name, role, email_verified_at IS NOT NULL, created_at FROM users"
                + " WHERE id = ? AND tenant_id = ?", rows -> new Profile(rows.getObject(1, UUID.class),
                        rows.getObject(2, UUID.class), rows.getString(3), rows.getString(4), rows.getString(5),
                        rows.getBoolean(6), instant(rows, 7)), userId, tenantId);
    }

    /** One audit event as stored; metadata is JSON text. */
    public record AuditEvent(UUID id, String action, String actor, String ip, String userAgent, String requestId,
            String metadata, Instant createdAt) {
    }

    /**
     * One page of a tenant's audit events, newest first, optionally of one action and within [from, to), after the
     * (createdAt, id) of the previous page's last event.
     */
    public java.util.List<AuditEvent> auditPage(UUID tenantId, Optional<String> action, Optional<Instant> from,
            Optional<Instant> to, Optional<AuditEvent> after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, action, actor, ip, user_agent, request_id, metadata::text,"
                + " created_at FROM audit_events WHERE tenant_id = ?");
        java.util.List<Object> parameters = new java.util.ArrayList<>(java.util.List.of(tenantId));
        action.ifPresent(a -> {
            sql.append(" AND action = ?");
            parameters.add(a);
        });
        from.ifPresent(f -> {
            sql.append(" AND created_at >= ?");
            parameters.add(utc(f));
        });
        to.ifPresent(t -> {
            sql.append(" AND created_at < ?");
            parameters.add(utc(t));
        });
        after.ifPresent(last -> {
            sql.append(" AND (created_at, id) < (?, ?)");
            parameters.add(utc(last.createdAt()));
            parameters.add(last.id());
        });
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        parameters.add(limit);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            java.util.List<AuditEvent> events = new java.util.ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    events.add(new AuditEvent(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                            instant(rows, 8)));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the audit log", e);
        }
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public record VerifiedUser(UUID id, UUID tenantId, String email, String name) {
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rows) throws SQLException;
    }

    private <T> Optional<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.ofNullable(mapper.map(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the identity database", e);
        }
    }

    private <T> java.util.List<T> list(String sql, RowMapper<T> mapper, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            java.util.List<T> items = new java.util.ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    items.add(mapper.map(rows));
                }
            }
            return items;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the identity database", e);
        }
    }

    public void audit(UUID tenantId, String actor, String action, RequestOrigin origin, Map<String, ?> metadata) {
        String metadataJson;
        try {
            metadataJson = json.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit metadata cannot be written as JSON", e);
        }
        update("INSERT INTO audit_events (id, tenant_id, actor, action, ip, user_agent, request_id, metadata, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, clock_timestamp())", UUID.randomUUID(), tenantId, actor, action,
                origin.ip(), origin.userAgent(), origin.requestId(), metadataJson);
    }

    private void update(String sql, Object... parameters) {
        try {
            execute(sql, parameters);
        } catch (SQLException e) {
            throw new IllegalStateException("could not write to the identity database", e);
        }
    }

    private void execute(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
