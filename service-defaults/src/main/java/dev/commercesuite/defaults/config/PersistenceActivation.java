package dev.commercesuite.defaults.config;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * In production a missing datasource URL must be reported by {@code StartupConfigCheck}, with every other missing
 * setting; but Quarkus deactivates a datasource without a URL, and Hibernate ORM would then stop the start first with
 * its own error. So in the prod profile the persistence unit is active exactly when the URL is given (production takes
 * it from the environment or a system property); in every other profile it is active. This source has the lowest
 * ordinal but answers every lookup, so a value Quarkus recorded at build time (when no URL is set) cannot stick.
 * A service that uses Hibernate ORM registers it in its own
 * {@code META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource}; services without it do not.
 */
public class PersistenceActivation implements ConfigSource {

    static final String ACTIVE = "quarkus.hibernate-orm.active";
    static final String PROD_ACTIVE = "%prod." + ACTIVE;

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(ACTIVE, PROD_ACTIVE);
    }

    @Override
    public String getValue(String propertyName) {
        if (ACTIVE.equals(propertyName)) {
            return "true";
        }
        if (PROD_ACTIVE.equals(propertyName)) {
            return Boolean.toString(urlGiven(System.getenv(), System.getProperty("quarkus.datasource.jdbc.url")));
        }
        return null;
    }

    static boolean urlGiven(Map<String, String> environment, String systemProperty) {
        String url = systemProperty != null ? systemProperty : environment.get("QUARKUS_DATASOURCE_JDBC_URL");
        return url != null && !url.isBlank();
    }

    @Override
    public String getName() {
        return "suite-persistence-activation";
    }

    @Override
    public int getOrdinal() {
        return 10;
    }
}
