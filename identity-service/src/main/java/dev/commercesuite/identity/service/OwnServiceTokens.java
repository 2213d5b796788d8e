package dev.commercesuite.identity.service;

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

    private final ServiceTokenIssuer issuer;
    private final String serviceName;
    private volatile String token;
    private volatile Instant renewAt = Instant.MIN;

    public OwnServiceTokens(ServiceTokenIssuer issuer,
            @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.issuer = issuer;
        this.serviceName = serviceName;
    }

    @Override
    public synchronized String token() {
        if (token == null || !Instant.now().isBefore(renewAt)) {
            ServiceTokenIssuer.IssuedToken issued = issuer.issueForSelf(serviceName);
            token = issued.accessToken();
            renewAt = Instant.now().plusSeconds(issued.expiresIn()).minus(RENEW_BEFORE);
        }
        return token;
    }

    @Override
    public synchronized void invalidate() {
        token = null;
    }
}
