package dev.commercesuite.defaults.servicetoken;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** This service's own account for calling the others: where and how it gets client-credentials tokens. */
@ConfigMapping(prefix = "suite.service-client")
public interface ServiceClientConfig {

    /** identity-service's token endpoint, e.g. {@code http://identity-service:8081/api/v1/auth/token}. */
    Optional<String> tokenUrl();

    /** This service's client id, e.g. {@code order-service}. */
    Optional<String> id();

    /** This service's client secret (a secret: from the environment, never from a file in the repository). */
    Optional<String> secret();

    /** A cached token is renewed this long before it expires. */
    @WithDefault("60S")
    Duration renewBefore();

    /** How long one token request may take. */
    @WithDefault("5S")
    Duration timeout();
}
