package dev.commercesuite.identity.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.commercesuite.defaults.servicetoken.ServiceTokenSource;

/**
 * identity-service holds the signing key, so it signs its own service token instead of asking itself over HTTP;
 * the token is reused until a minute before it expires.
 */
@ApplicationScoped
public class OwnServiceTokens implements ServiceTokenSource {

    private static final Duration RENEW_BEFORE = Duration.ofSeconds(60);

    private final AccessTokens accessTokens;
    private final String serviceName;
    private final Clock clock;
    private volatile String token;
    private volatile Instant renewAt = Instant.MIN;

    public OwnServiceTokens(AccessTokens accessTokens,
            @ConfigProperty(name = "quarkus.application.name") String serviceName, Clock clock) {
        this.accessTokens = accessTokens;
        this.serviceName = serviceName;
        this.clock = clock;
    }

    @Override
    public synchronized String token() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(renewAt)) {
            AccessTokens.IssuedToken issued = accessTokens.forService(serviceName);
            token = issued.accessToken();
            renewAt = now.plusSeconds(issued.expiresIn()).minus(RENEW_BEFORE);
        }
        return token;
    }

    @Override
    public synchronized void invalidate() {
        token = null;
    }
}
