package dev.commercesuite.identity.config;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

import dev.commercesuite.defaults.config.StartupConfigRule;
/** Refuses to start with a malformed service-client entry rather than silently ignoring that client. */
@ApplicationScoped
public class ServiceClientsRule implements StartupConfigRule {

    private final IdentityConfig identity;

    public ServiceClientsRule(IdentityConfig identity) {
        this.identity = identity;
    }

    @Override
    public void check(Config config, List<String> problems) {
        List<String> found = new ArrayList<>();
        ServiceClients.parse(identity.serviceClients().orElse(List.of()), found);
        problems.addAll(found);
    }
}
