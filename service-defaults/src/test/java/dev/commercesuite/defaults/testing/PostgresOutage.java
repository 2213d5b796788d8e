package dev.commercesuite.defaults.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * Routes the service's datasource through a {@link TcpProxy} so a test can take PostgreSQL away and bring it back.
 * Init argument {@code database}: the test database. The proxy is injected into a test field annotated
 * {@link Proxy}.
 */
public class PostgresOutage extends ProxiedDependency {

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Proxy {
    }

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
    }

    @Override
    public Map<String, String> start() {
        LocalPostgres.ensureDatabase(database);
        proxy = TcpProxy.start(LocalPostgres.host(), Integer.parseInt(LocalPostgres.port()));
        return Map.of("quarkus.datasource.jdbc.url",
                "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database);
    }

    @Override
    protected Class<Proxy> marker() {
        return Proxy.class;
    }
}
