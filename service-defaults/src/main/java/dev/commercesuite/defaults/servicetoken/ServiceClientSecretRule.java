package dev.commercesuite.defaults.servicetoken;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

import dev.commercesuite.defaults.config.SecretStrength;
import dev.commercesuite.defaults.config.StartupConfigCheck;
import dev.commercesuite.defaults.config.StartupConfigRule;

/** A service that has a client account must have a strong secret for it, and all three settings together. */
@ApplicationScoped
public class ServiceClientSecretRule implements StartupConfigRule {

    private final ServiceClientConfig client;

    public ServiceClientSecretRule(ServiceClientConfig client) {
        this.client = client;
    }

    @Override
    public void check(Config config, List<String> problems) {
        boolean any = client.tokenUrl().isPresent() || client.id().isPresent() || client.secret().isPresent();
        if (!any) {
            return;
        }
        if (client.tokenUrl().isEmpty()) {
            problems.add(StartupConfigCheck.describe("suite.service-client.token-url")
                    + " is not set, but the other service-client settings are");
        }
        if (client.id().isEmpty()) {
            problems.add(StartupConfigCheck.describe("suite.service-client.id")
                    + " is not set, but the other service-client settings are");
        }
        if (client.secret().isEmpty()) {
            problems.add(StartupConfigCheck.describe("suite.service-client.secret")
                    + " is not set, but the other service-client settings are");
        } else {
            SecretStrength.weakness(client.secret().get()).ifPresent(weakness -> problems.add(
                    StartupConfigCheck.describe("suite.service-client.secret") + " is a weak secret: it " + weakness));
        }
    }
}
