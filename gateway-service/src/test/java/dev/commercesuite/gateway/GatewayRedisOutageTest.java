package dev.commercesuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;

import dev.commercesuite.defaults.testing.RedisOutage;
import dev.commercesuite.defaults.testing.TcpProxy;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Redis going away never means "no limits": the replica goes on counting in process (from the count Redis had),
 * says so once in the log, in readiness detail (readiness stays UP: the gateway still serves) and in a gauge, and
 * returns to Redis by itself when Redis answers again. The gateway's readiness does not follow Redis the way the
 * services' readiness follows their database ({@code DependencyOutageTests}), for that reason.
 */
@QuarkusTest
@TestProfile(RateLimitProfile.class)
class GatewayRedisOutageTest {

    private static final String CHECK = "Redis connection health check";

    @RedisOutage.Proxy
    TcpProxy proxy;

    @Inject
    RedisDataSource redis;

    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        WireMock identity = UpstreamStub.client(UpstreamStub.IDENTITY);
        identity.resetMappings();
        identity.register(WireMock.any(WireMock.anyUrl()).willReturn(WireMock.aResponse().withStatus(202)));
        Logger.getLogger("dev.commercesuite.gateway.ratelimit.CounterStore").addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("dev.commercesuite.gateway.ratelimit.CounterStore").removeHandler(capture);
        proxy.open();
    }

    @Test
    void localLimitsTakeOverWhileRedisIsAwayAndRedisCountsAgainWhenItIsBack() {
        awaitFallback(false);
        String ip = TestAddresses.fresh();
        signUp(ip).then().statusCode(202).header("X-RateLimit-Remaining", "4");
        signUp(ip).then().statusCode(202).header("X-RateLimit-Remaining", "3");

        proxy.cut();
        try {
            // the count goes on where Redis left it, and stops at the limit
            for (int remaining = 2; remaining >= 0; remaining--) {
                signUp(ip).then().statusCode(202).header("X-RateLimit-Remaining", Integer.toString(remaining))
                        .header("RateLimit-Policy", "\"sign-up\";q=5;w=3600");
            }
            signUp(ip).then().statusCode(429).header("Retry-After", GatewayRateLimitTest.seconds(3600));
            String other = TestAddresses.fresh();
            for (int i = 0; i < 5; i++) {
                signUp(other).then().statusCode(202);
            }
            signUp(other).then().statusCode(429);

            JsonPath ready = given().when().get("/q/health/ready").then().statusCode(200)
                    .body("status", equalTo("UP")).extract().jsonPath();
            assertEquals("UP", ready.getString(check("status")));
            assertEquals("redis", ready.getString(check("data.store")));
            assertEquals(true, ready.getBoolean(check("data.fallback")));
            given().when().get("/q/metrics").then().body(containsString("gateway_rate_limit_fallback 1.0"));
            assertEquals(1, count(Level.WARNING, "in-process counters"), logged.toString());
        } finally {
            proxy.open();
        }

        awaitFallback(false);
        assertEquals(1, count(Level.INFO, "Redis answers again"));
        assertEquals(1, count(Level.WARNING, "in-process counters"));
        given().when().get("/q/metrics").then().body(containsString("gateway_rate_limit_fallback 0.0"));
        String back = TestAddresses.fresh();
        for (int i = 0; i < 5; i++) {
            signUp(back).then().statusCode(202);
        }
        signUp(back).then().statusCode(429);
        assertEquals(5, redis.sortedSet(String.class).zcard("rl:{sign-up:ip:" + back + "}"));
    }

    private long count(Level level, String text) {
        return logged.stream().filter(record -> record.getLevel().intValue() == level.intValue()
                && String.valueOf(record.getMessage()).contains(text)).count();
    }

    private static String check(String path) {
        return "checks.find { it.name == '" + CHECK + "' }." + path;
    }

    private static void awaitFallback(boolean fallback) {
        Awaitility.await("rate-limit fallback " + fallback).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    Response ready = given().when().get("/q/health/ready");
                    return ready.statusCode() == 200
                            && ready.jsonPath().getBoolean(check("data.fallback")) == fallback;
                });
    }

    private static Response signUp(String ip) {
        return given().header("X-Forwarded-For", ip).contentType("application/json").body("{}")
                .when().post("/api/v1/auth/signup");
    }
}
