package dev.commercesuite.gateway.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The JWKS cache on its own, against a WireMock identity: what happens before any key was ever fetched (identity down
 * at the gateway's start), and that concurrent needs share one fetch.
 */
class SigningKeysTest {

    private static final String JWKS = "/.well-known/jwks.json";

    private final SteppedClock clock = new SteppedClock();
    private WireMockServer identity;
    private Vertx vertx;
    private SigningKeys keys;

    @BeforeEach
    void start() {
        identity = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        identity.start();
        vertx = Vertx.vertx();
        keys = new SigningKeys(new IdentityClient(vertx, 1_000), clock,
                URI.create("http://127.0.0.1:" + identity.port() + JWKS), Duration.ofMinutes(10),
                Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() throws Exception {
        identity.stop();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void withNoKeysYetAndIdentityDownATokenIsUnavailableNotInvalidAndIdentityIsAskedAgainOnlyAfter30Seconds()
            throws Exception {
        identity.stubFor(get(urlEqualTo(JWKS)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        EdgeRefusal first = refusal(keys.key("identity-1"));
        assertTrue(first.unavailable());
        assertEquals(30, first.retryAfterSeconds());

        clock.advance(Duration.ofSeconds(12));
        EdgeRefusal throttled = refusal(keys.key("identity-1"));
        assertTrue(throttled.unavailable(), "no keys at all is never a reason to call a token invalid");
        assertEquals(18, throttled.retryAfterSeconds());
        assertEquals(1, identity.findAll(getRequestedFor(urlEqualTo(JWKS))).size());

        RsaJsonWebKey key = key("identity-1");
        identity.stubFor(get(urlEqualTo(JWKS)).willReturn(aResponse().withStatus(200).withBody(jwks(key))));
        clock.advance(Duration.ofSeconds(18));
        RSAPublicKey found = await(keys.key("identity-1"));
        assertEquals(key.getRsaPublicKey(), found);
        assertEquals(2, identity.findAll(getRequestedFor(urlEqualTo(JWKS))).size());
    }

    @Test
    void concurrentNeedsShareOneFetch() throws Exception {
        RsaJsonWebKey key = key("identity-1");
        identity.stubFor(get(urlEqualTo(JWKS)).willReturn(aResponse().withStatus(200).withBody(jwks(key))
                .withFixedDelay(200)));

        List<Future<RSAPublicKey>> needs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            needs.add(keys.key("identity-1"));
        }
        for (Future<RSAPublicKey> need : needs) {
            assertEquals(key.getRsaPublicKey(), await(need));
        }
        assertEquals(1, identity.findAll(getRequestedFor(urlEqualTo(JWKS))).size());
        assertSame(keys.current("identity-1"), await(keys.key("identity-1")));
    }

    @Test
    void aJwksWithoutAnUsableKeyIsRefusedAndTheKnownKeysStay() throws Exception {
        RsaJsonWebKey key = key("identity-1");
        identity.stubFor(get(urlEqualTo(JWKS)).willReturn(aResponse().withStatus(200).withBody(jwks(key))));
        await(keys.key("identity-1"));

        identity.stubFor(get(urlEqualTo(JWKS)).willReturn(aResponse().withStatus(200).withBody("{\"keys\":[]}")));
        clock.advance(Duration.ofSeconds(31));
        EdgeRefusal refused = refusal(keys.key("identity-2"));

        assertTrue(refused.unavailable(), "identity answered nothing usable: the gateway cannot tell");
        assertEquals(key.getRsaPublicKey(), keys.current("identity-1"));
        assertThrows(IllegalArgumentException.class, () -> SigningKeys.parse("{\"keys\":[]}", 0));
        assertThrows(IllegalArgumentException.class, () -> SigningKeys.parse("<html>", 0));
    }

    @Test
    void aKidIdentityDoesNotPublishIsInvalid() throws Exception {
        RsaJsonWebKey key = key("identity-1");
        identity.stubFor(get(urlEqualTo(JWKS)).willReturn(aResponse().withStatus(200).withBody(jwks(key))));

        EdgeRefusal refused = refusal(keys.key("made-up"));

        assertFalse(refused.unavailable());
        assertEquals(key.getRsaPublicKey(), keys.current("identity-1"));
    }

    @Test
    void onlyRs256SigningKeysWithAKidAreTaken() throws Exception {
        RsaJsonWebKey signing = key("identity-1");
        RsaJsonWebKey encryption = key("enc-1");
        encryption.setUse("enc");
        RsaJsonWebKey otherAlgorithm = key("ps-1");
        otherAlgorithm.setAlgorithm("PS256");
        RsaJsonWebKey noKid = key(null);
        var ec = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        ec.setKeyId("ec-1");
        String json = new JsonWebKeySet(signing, encryption, otherAlgorithm, noKid, ec).toJson();

        SigningKeys.KeySet set = SigningKeys.parse(json, 0);

        assertEquals(Set.of("identity-1"), set.byKid().keySet());
        assertEquals(signing.getRsaPublicKey(), set.byKid().get("identity-1"));
    }

    private static RsaJsonWebKey key(String kid) throws Exception {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId(kid);
        return key;
    }

    private static String jwks(RsaJsonWebKey... keys) {
        return new JsonWebKeySet(keys).toJson();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static EdgeRefusal refusal(Future<?> future) throws Exception {
        try {
            await(future);
        } catch (ExecutionException e) {
            return assertInstanceOf(EdgeRefusal.class, e.getCause());
        }
        throw new AssertionError("expected a refusal");
    }

    /** Time that moves only when the test moves it, so the seconds a fetch takes never show in an answer. */
    private static final class SteppedClock extends Clock {

        private volatile Instant now = Instant.parse("2026-12-01T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }
    }
}
