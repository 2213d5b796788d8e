package dev.commercesuite.identity.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.identity.domain.ApiKey;
import dev.commercesuite.identity.domain.RequestOrigin;
import dev.commercesuite.identity.domain.Tenant;
import dev.commercesuite.identity.repository.ApiKeyRepository;
import dev.commercesuite.identity.repository.AuditEventRepository;
import dev.commercesuite.identity.repository.TenantRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A shop's API keys, for its own integrations: {@code cs_live_<id>_<secret>}, where the id is public (it names the key
 * in listings and in the audit log) and the secret is 40 random base62 characters followed by a 6-character checksum
 * of everything before it, so a leaked key is recognisable (and a mistyped one refused) without a database. Only the
 * SHA-256 of the secret is stored; a key is looked up by its id and its secret compared with
 * {@link MessageDigest#isEqual}, and an unknown id costs the same comparison against a digest that matches nothing.
 * A key is exchanged for a 15-minute JWT with the group {@code integration} at the token endpoint.
 */
@ApplicationScoped
public class ApiKeys {

    public static final int MAX_ACTIVE_KEYS = 20;
    private static final String PREFIX = "cs_live_";
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final Pattern ID = Pattern.compile("ak[a-z0-9]{14}");
    private static final Pattern KEY = Pattern.compile(PREFIX + "(ak[a-z0-9]{14})_([0-9A-Za-z]{46})");
    private static final byte[] NO_KEY = new byte[32];
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiKeyRepository apiKeys;
    private final TenantRepository tenants;
    private final AuditEventRepository audit;
    private final AccessTokens accessTokens;
    private final Clock clock;

    public ApiKeys(ApiKeyRepository apiKeys, TenantRepository tenants, AuditEventRepository audit,
            AccessTokens accessTokens, Clock clock) {
        this.apiKeys = apiKeys;
        this.tenants = tenants;
        this.audit = audit;
        this.accessTokens = accessTokens;
        this.clock = clock;
    }

    /** A new key as its creator sees it, the only time the whole key is shown. */
    public record CreatedKey(ApiKey key, String secretKey) {
    }

    /** Whether {@code clientId} has the form of an API key id (rather than a service account's name). */
    public static boolean isKeyId(String clientId) {
        return clientId != null && ID.matcher(clientId).matches();
    }

    public CreatedKey create(UUID tenantId, String name, Instant expiresAt, String actor, RequestOrigin origin) {
        String id = "ak" + random("0123456789abcdefghijklmnopqrstuvwxyz", 14);
        String body = PREFIX + id + "_" + random(BASE62, 40);
        String secret = body.substring(body.length() - 40) + checksum(body);
        Instant now = clock.instant();
        ApiKey key = QuarkusTransaction.requiringNew().call(() -> {
            // the shop's row lock orders concurrent creations, so the cap holds
            tenants.lock(tenantId);
            if (apiKeys.countActive(tenantId, now) >= MAX_ACTIVE_KEYS) {
                throw new TooManyApiKeysException();
            }
            ApiKey stored = ApiKey.issue(id, tenantId, name, sha256(secret), actor, now, expiresAt);
            apiKeys.persist(stored);
            audit.record(tenantId, actor, "api-key.created", origin, expiresAt == null ? Map.of("key", id)
                    : Map.of("key", id, "expiresAt", expiresAt.toString()));
            return stored;
        });
        return new CreatedKey(key, PREFIX + id + "_" + secret);
    }

    public List<ApiKey> list(UUID tenantId) {
        return apiKeys.listNewestFirst(tenantId);
    }

    /** Revokes the key if it belongs to the tenant; answers false when it does not (or does not exist). */
    public boolean revoke(UUID tenantId, String id, String actor, RequestOrigin origin) {
        if (!isKeyId(id)) {
            return false;
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<Boolean> revokedNow = apiKeys.revoke(tenantId, id, clock.instant());
            revokedNow.filter(Boolean::booleanValue).ifPresent(changed ->
                    audit.record(tenantId, actor, "api-key.revoked", origin, Map.of("key", id)));
            return revokedNow.isPresent();
        });
    }

    /**
     * An access token for the key {@code id} presenting {@code secret} (the part after the id, or the whole key), or
     * empty when the key is unknown, revoked, expired, its shop suspended, or the secret wrong. Every outcome is
     * audited.
     */
    public Optional<AccessTokens.IssuedToken> exchange(String id, String secret, RequestOrigin origin) {
        String presented = secret;
        Matcher whole = KEY.matcher(secret);
        if (whole.matches() && whole.group(1).equals(id)) {
            presented = whole.group(2);
        }
        Instant now = clock.instant();
        Optional<ApiKey> found = apiKeys.findByIdOptional(id);
        boolean matches = MessageDigest.isEqual(sha256(presented),
                found.map(ApiKey::secretSha256).orElse(NO_KEY));
        Optional<Tenant> tenant = found.flatMap(key -> tenants.findByIdOptional(key.tenantId()));
        String refusal = found.isEmpty() ? "unknown-key" : !matches ? "wrong-secret"
                : found.get().isRevoked() ? "revoked"
                : found.get().expiredAt(now) ? "expired"
                : !tenant.map(Tenant::isActive).orElse(false) ? "tenant-suspended" : null;
        UUID tenantId = found.map(ApiKey::tenantId).orElse(null);
        String actor = "api-key:" + id;
        if (refusal != null) {
            QuarkusTransaction.requiringNew().run(() -> audit.record(tenantId, actor, "api-key.refused", origin,
                    Map.of("reason", refusal)));
            return Optional.empty();
        }
        QuarkusTransaction.requiringNew().run(() -> {
            apiKeys.touch(id, now);
            audit.record(tenantId, actor, "api-key.used", origin, Map.of("key", id));
        });
        return Optional.of(accessTokens.forIntegration(found.get(), tenant.get().tier()));
    }

    /** Whether {@code key} is a well-formed Commerce Suite API key with an intact checksum (no database involved). */
    public static boolean looksGenuine(String key) {
        Matcher matcher = key == null ? null : KEY.matcher(key);
        if (matcher == null || !matcher.matches()) {
            return false;
        }
        String secret = matcher.group(2);
        return checksum(PREFIX + matcher.group(1) + "_" + secret.substring(0, 40)).equals(secret.substring(40));
    }

    private static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            out.append(BASE62.charAt((int) (value % 62)));
            value /= 62;
        }
        return out.reverse().toString();
    }

    private static String random(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static byte[] sha256(String value) {
        return OneTimeTokens.sha256Utf8(value);
    }
}
