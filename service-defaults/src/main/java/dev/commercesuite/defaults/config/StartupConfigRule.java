package dev.commercesuite.defaults.config;

import java.util.List;

import org.eclipse.microprofile.config.Config;

/**
 * A check of the production configuration that a service adds when the shared, declarative checks of
 * {@link StartupChecksConfig} cannot express it (a key required only in some mode, say). Implementations are CDI
 * beans; every problem they add is reported together with all the others.
 */
public interface StartupConfigRule {

    /** Adds one sentence per problem found to {@code problems}; adds nothing when the configuration is fine. */
    void check(Config config, List<String> problems);
}
