package dev.commercesuite.defaults.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What a service needs from its configuration before it may serve traffic in production. */
@ConfigMapping(prefix = "suite.startup-checks")
public interface StartupChecksConfig {

    /** Whether the checks run; they always run in the prod profile unless turned off here. */
    @WithDefault("true")
    boolean enabled();

    /** Configuration keys that must hold a non-blank value (a datasource URL, a mail host, ...). */
    Optional<List<String>> required();

    /** Keys naming a PEM key: a readable file holding a PEM block, or an http(s) URL such as a JWKS endpoint. */
    Optional<List<String>> keys();

    /** Keys holding secrets: each must be set and strong (see {@link SecretStrength}). */
    Optional<List<String>> secrets();
}
