package dev.commercesuite.gateway.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.Use;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.lang.JoseException;

import dev.commercesuite.gateway.config.AuthConfig;
import dev.commercesuite.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * Identity's token-signing keys by {@code kid}, from its JWKS. Fetched on first need rather than at start-up, so the
 * gateway starts (and stays ready) while identity is down; refreshed in the background once older than
 * {@code jwks-refresh-interval}, and at once for a {@code kid} it does not know, but never more often than every
 * {@code jwks-min-refresh-interval}, so tokens naming made-up keys cannot turn the gateway into a flood on identity.
 * Concurrent needs share one fetch. A failed fetch keeps the keys already known: identity unreachable does not log
 * anyone out.
 */
@ApplicationScoped
class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    private static final String NO_KEYS = "The gateway cannot check tokens right now: identity's signing keys are"
            + " unavailable. Try again shortly.";
    private static final String UNKNOWN_KEY = "The token names a signing key (kid) identity does not publish.";

    /** The keys of one successful fetch, and when it happened (the gateway's clock, milliseconds). */
    record KeySet(Map<String, RSAPublicKey> byKid, long fetchedAt) {
    }

    private final IdentityClient identity;
    private final Clock clock;
    private final URI url;
    private final long refreshMillis;
    private final long minRefreshMillis;

    private volatile KeySet keys;
    /** The fetch under way, shared by everyone who needs it; guarded by {@code this}. */
    private Future<KeySet> inFlight;
    /** When the last fetch started; guarded by {@code this}. */
    private long lastAttempt;
    private boolean attempted;

    @Inject
    SigningKeys(IdentityClient identity, Clock clock, AuthConfig auth, GatewayConfig gateway) {
        this(identity, clock, auth.jwksUrl().orElseGet(() -> identityUrl(gateway, "/.well-known/jwks.json")),
                auth.jwksRefreshInterval(), auth.jwksMinRefreshInterval());
    }

    SigningKeys(IdentityClient identity, Clock clock, URI url, Duration refreshInterval, Duration minRefreshInterval) {
        this.identity = identity;
        this.clock = clock;
        this.url = url;
        this.refreshMillis = refreshInterval.toMillis();
        this.minRefreshMillis = minRefreshInterval.toMillis();
    }

    /**
     * {@code path} on the identity upstream's first base URL: with several replicas listed, the gateway's own calls
     * go to the first (set {@code gateway.auth.jwks-url} and {@code token-url} to spread them otherwise).
     */
    static URI identityUrl(GatewayConfig gateway, String path) {
        String base = gateway.upstreams().identity().get(0).toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    /** The key a verified token may name now, or null when {@code kid} is not (or no longer) among the known keys. */
    RSAPublicKey current(String kid) {
        KeySet current = keys;
        return current == null ? null : current.byKid().get(kid);
    }

    /**
     * The key {@code kid} names: at once when known, else after a refresh. Fails with an {@link EdgeRefusal}: invalid
     * when identity does not publish the key, unavailable when there is no way to tell (identity cannot be reached,
     * or has never been reached and the next attempt is not yet due).
     */
    Future<RSAPublicKey> key(String kid) {
        KeySet current = keys;
        long now = clock.millis();
        if (current != null) {
            RSAPublicKey key = current.byKid().get(kid);
            if (key != null) {
                if (now - current.fetchedAt() >= refreshMillis) {
                    refresh(now);
                }
                return Future.succeededFuture(key);
            }
        }
        Future<KeySet> fetch = refresh(now);
        if (fetch == null) {
            return Future.failedFuture(current == null
                    ? EdgeRefusal.unavailable(NO_KEYS, retryAfterSeconds(now))
                    : EdgeRefusal.invalid(UNKNOWN_KEY));
        }
        return fetch.transform(done -> {
            if (done.failed()) {
                return Future.failedFuture(EdgeRefusal.unavailable(NO_KEYS, minRefreshMillis / 1000));
            }
            RSAPublicKey key = done.result().byKid().get(kid);
            return key != null ? Future.succeededFuture(key) : Future.failedFuture(EdgeRefusal.invalid(UNKNOWN_KEY));
        });
    }

    /** The fetch under way or a new one; null when the last one started less than the minimum interval ago. */
    private synchronized Future<KeySet> refresh(long now) {
        if (inFlight != null) {
            return inFlight;
        }
        // a clock set back (now before the last attempt) allows a fetch rather than a long wait
        if (attempted && now >= lastAttempt && now - lastAttempt < minRefreshMillis) {
            return null;
        }
        attempted = true;
        lastAttempt = now;
        Promise<KeySet> fetched = Promise.promise();
        inFlight = fetched.future();
        identity.get(url).compose(reply -> {
            if (reply.status() != 200) {
                return Future.failedFuture("HTTP " + reply.status());
            }
            return Future.succeededFuture(parse(reply.body().toString(StandardCharsets.UTF_8), clock.millis()));
        }).onComplete(done -> {
            synchronized (this) {
                inFlight = null;
            }
            if (done.succeeded()) {
                keys = done.result();
                LOG.debugf("Identity's JWKS fetched: keys %s", done.result().byKid().keySet());
            } else {
                LOG.warnf("Identity's JWKS at %s could not be fetched (%s); %s", url, done.cause().getMessage(),
                        keys == null ? "bearer tokens are answered 503 until it can" : "the cached keys stay in use");
            }
            fetched.handle(done);
        });
        return fetched.future();
    }

    private long retryAfterSeconds(long now) {
        long wait;
        synchronized (this) {
            wait = lastAttempt + minRefreshMillis - now;
        }
        return (wait + 999) / 1000;
    }

    /**
     * The RSA signature keys of a JWKS document that name a {@code kid}; keys for encryption or another algorithm
     * are left out.
     *
     * @throws IllegalArgumentException when the document is not a JWKS or holds no usable key
     */
    static KeySet parse(String json, long fetchedAt) {
        JsonWebKeySet set;
        try {
            set = new JsonWebKeySet(json);
        } catch (JoseException | RuntimeException e) {
            throw new IllegalArgumentException("not a JSON Web Key Set: " + e.getMessage(), e);
        }
        Map<String, RSAPublicKey> byKid = new HashMap<>();
        for (JsonWebKey key : set.getJsonWebKeys()) {
            boolean signing = key.getUse() == null || Use.SIGNATURE.equals(key.getUse());
            boolean rs256 = key.getAlgorithm() == null
                    || AlgorithmIdentifiers.RSA_USING_SHA256.equals(key.getAlgorithm());
            if (key instanceof RsaJsonWebKey rsa && key.getKeyId() != null && signing && rs256) {
                byKid.put(key.getKeyId(), rsa.getRsaPublicKey());
            }
        }
        if (byKid.isEmpty()) {
            throw new IllegalArgumentException("the JWKS holds no RS256 signing key with a kid");
        }
        return new KeySet(Map.copyOf(byKid), fetchedAt);
    }
}
