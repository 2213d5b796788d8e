package dev.commercesuite.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.commercesuite.defaults.servicetoken.ServiceClientConfig;
import dev.commercesuite.defaults.servicetoken.ServiceTokenClient;
import dev.commercesuite.defaults.servicetoken.ServiceTokenException;
import dev.commercesuite.defaults.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The shared caching client (service-defaults) against identity's real token endpoint. */
@QuarkusTest
class ServiceTokenClientTest {

    @TestHTTPResource("/api/v1/auth/token")
    URL tokenUrl;

    @Inject
    ObjectMapper json;

    @Test
    void getsAServiceTokenForItsClient() {
        String token = client(TokenResourceTest.SECRET, new MovableClock()).token();
        assertEquals(TokenResourceTest.CLIENT, TestTokens.verifiedClaims(token).get("sub"));
    }

    @Test
    void reusesTheTokenUntilShortlyBeforeItExpires() {
        MovableClock clock = new MovableClock();
        ServiceTokenClient client = client(TokenResourceTest.SECRET, clock);
        String first = client.token();
        clock.advance(Duration.ofMinutes(13)); // 15-minute tokens, renewed 60 s before expiry
        assertEquals(first, client.token());
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        String renewed = client.token();
        assertNotEquals(first, renewed);
        assertEquals(renewed, client.token());
    }

    @Test
    void invalidateForcesANewToken() {
        ServiceTokenClient client = client(TokenResourceTest.SECRET, new MovableClock());
        String first = client.token();
        client.invalidate();
        assertNotEquals(first, client.token());
    }

    @Test
    void rejectedCredentialsSayWhy() {
        ServiceTokenException e = assertThrows(ServiceTokenException.class,
                () -> client("not-the-secret", new MovableClock()).token());
        assertTrue(e.getMessage().contains("401") && e.getMessage().contains("invalid_client"), e.getMessage());
    }

    @Test
    void missingConfigurationIsNamed() {
        ServiceTokenClient client = new ServiceTokenClient(config(Optional.empty(), TokenResourceTest.SECRET), json,
                new MovableClock());
        ServiceTokenException e = assertThrows(ServiceTokenException.class, client::token);
        assertEquals("suite.service-client.token-url is not configured", e.getMessage());
    }

    private ServiceTokenClient client(String secret, Clock clock) {
        return new ServiceTokenClient(config(Optional.of(tokenUrl.toString()), secret), json, clock);
    }

    private static ServiceClientConfig config(Optional<String> url, String secret) {
        return new ServiceClientConfig() {
            @Override
            public Optional<String> tokenUrl() {
                return url;
            }

            @Override
            public Optional<String> id() {
                return Optional.of(TokenResourceTest.CLIENT);
            }

            @Override
            public Optional<String> secret() {
                return Optional.of(secret);
            }

            @Override
            public Duration renewBefore() {
                return Duration.ofSeconds(60);
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(5);
            }
        };
    }

    /** A clock the test moves forward by hand. */
    static final class MovableClock extends Clock {

        private Instant now = Instant.now();

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
