package dev.commercesuite.identity.service;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.identity.config.IdentityConfig;
import dev.commercesuite.identity.domain.ApiKey;
import dev.commercesuite.identity.domain.Tier;
import dev.commercesuite.identity.domain.User;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * The one place identity-service signs access tokens (RS256, the configured issuer and key id): for users (their role
 * as group, shop, tier and session), for API keys (group {@value #INTEGRATION_GROUP}, shop and tier) and for the
 * suite's services (group {@value #SERVICE_GROUP}). {@code iat}/{@code exp} are the signer's wall-clock time, which
 * is what every verifier compares them with.
 */
@ApplicationScoped
public class AccessTokens {

    public static final String SERVICE_GROUP = "service";
    public static final String INTEGRATION_GROUP = "integration";
    static final Duration USER_TOKEN_LIFETIME = Duration.ofMinutes(15);
    static final Duration INTEGRATION_TOKEN_LIFETIME = Duration.ofMinutes(15);

    private final IdentityConfig config;

    public AccessTokens(IdentityConfig config) {
        this.config = config;
    }

    /** A signed token and its lifetime in seconds. */
    public record IssuedToken(String accessToken, long expiresIn) {
    }

    /** A user's token for session {@code sessionId}; its {@code sid} lets "sign out my other sessions" keep this one. */
    public IssuedToken forUser(User user, Tier tier, UUID sessionId) {
        return sign(user.id().toString(), user.email(), user.role().value(), USER_TOKEN_LIFETIME,
                Map.of("tenant", user.tenantId().toString(), "tier", tier.value(), "sid", sessionId.toString()));
    }

    /** An API key's token; its subject names the key, as the audit log does. */
    public IssuedToken forIntegration(ApiKey key, Tier tier) {
        String actor = "api-key:" + key.id();
        return sign(actor, actor, INTEGRATION_GROUP, INTEGRATION_TOKEN_LIFETIME,
                Map.of("tenant", key.tenantId().toString(), "tier", tier.value()));
    }

    /** A service account's token (client-credentials), also the one identity-service signs for itself. */
    public IssuedToken forService(String clientId) {
        return sign(clientId, clientId, SERVICE_GROUP, config.tokens().serviceTokenLifetime(), Map.of());
    }

    private IssuedToken sign(String subject, String upn, String group, Duration lifetime, Map<String, String> claims) {
        JwtClaimsBuilder token = Jwt.issuer(config.tokens().issuer()).subject(subject).upn(upn).groups(Set.of(group));
        claims.forEach(token::claim);
        long seconds = lifetime.toSeconds();
        return new IssuedToken(token.expiresIn(seconds).jws().keyId(config.tokens().keyId()).sign(), seconds);
    }
}
