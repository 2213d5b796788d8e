package dev.commercesuite.defaults.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * Routes the service's Redis client through a {@link TcpProxy} so a test can take Redis away and bring it back. The
 * server is the local one ({@code SUITE_REDIS_HOST}/{@code SUITE_REDIS_PORT}, default 127.0.0.1:6379). The proxy is
 * injected into a test field annotated {@link Proxy}.
 */
public class RedisOutage extends ProxiedDependency {

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Proxy {
    }


    public static String host() {
        String host = System.getenv("SUITE_REDIS_HOST");
        return host == null || host.isBlank() ? "127.0.0.1" : host;
    }

    public static int port() {
        String port = System.getenv("SUITE_REDIS_PORT");
        return port == null || port.isBlank() ? 6379 : Integer.parseInt(port);
    }

    public static String redisUri() {
        return "redis://" + host() + ":" + port();
    }

    @Override
    public Map<String, String> start() {
        proxy = TcpProxy.start(host(), port());
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + proxy.port());
    }

    @Override
    protected Class<Proxy> marker() {
        return Proxy.class;
    }
}
