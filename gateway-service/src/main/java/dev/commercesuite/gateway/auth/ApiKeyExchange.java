package dev.commercesuite.gateway.auth;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.commercesuite.gateway.config.AuthConfig;
import dev.commercesuite.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * A shop's API key ({@code cs_live_<id>_<secret>}) becomes the short JWT identity issues for it at its
 * client-credentials endpoint, so the services behind the gateway only ever see JWTs, never the key. The JWT is kept
 * by the key's SHA-256 until a minute before it expires; a key identity refuses is refused again without asking for
 * {@code api-key-refusal-ttl}, so a flood with a bad key does not become a flood on identity; concurrent first
 * requests with one key share one exchange. The key itself is never kept or logged.
 */
@ApplicationScoped
class ApiKeyExchange {

    private static final Logger LOG = Logger.getLogger(ApiKeyExchange.class);

    /** How every API key starts; anything else after {@code Bearer} is taken for a JWT. */
    static final String PREFIX = "cs_live_";
    /** identity's ApiKeys: the id is {@code ak} and 14 of [a-z0-9], the secret 46 base62 characters. */
    private static final Pattern KEY = Pattern.compile("cs_live_(ak[a-z0-9]{14})_([0-9A-Za-z]{46})");
    /** Renewed this long before identity's token expires, so a forwarded token never expires on its way. */
    private static final long RENEW_BEFORE_MILLIS = 60_000;
    private static final long RETRY_AFTER_SECONDS = 5;
    private static final String REFUSED = "Identity refused the API key: it is unknown, revoked or expired.";
    private static final String UNAVAILABLE = "The gateway cannot exchange the API key right now: identity cannot"
            + " be reached. Try again shortly.";

    /** The JWT an API key was exchanged for, as the header to forward, and its verified subject. */
    record Exchanged(String authorization, String subject) {
    }

    private final IdentityClient identity;
    private final TokenVerifier tokens;
    private final Clock clock;
    private final URI tokenUrl;
    private final long refusalTtlMillis;
    private final ExpiringCache<Exchanged> exchanged;
    private final ExpiringCache<Boolean> refused;
    private final Map<ByteBuffer, Future<Exchanged>> inFlight = new ConcurrentHashMap<>();

    ApiKeyExchange(IdentityClient identity, TokenVerifier tokens, Clock clock, AuthConfig auth,
            GatewayConfig gateway) {
        this.identity = identity;
        this.tokens = tokens;
        this.clock = clock;
        this.tokenUrl = auth.tokenUrl().orElseGet(() -> SigningKeys.identityUrl(gateway, "/api/v1/auth/token"));
        this.refusalTtlMillis = auth.apiKeyRefusalTtl().toMillis();
        this.exchanged = new ExpiringCache<>(auth.cacheSize());
        this.refused = new ExpiringCache<>(auth.cacheSize());
    }

    static boolean isApiKey(String credential) {
        return credential.startsWith(PREFIX);
    }

    /** The exchange kept for the key with this digest, or null. */
    Exchanged remembered(ByteBuffer digest) {
        return exchanged.get(digest, clock.millis());
    }

    /**
     * The JWT for {@code apiKey} (whose SHA-256 is {@code digest}): kept, shared with an exchange under way, or
     * exchanged now. Fails with an {@link EdgeRefusal}: invalid when the key is malformed or identity refuses it,
     * unavailable when identity cannot be reached.
     */
    Future<Exchanged> exchange(String apiKey, ByteBuffer digest) {
        long now = clock.millis();
        Exchanged known = exchanged.get(digest, now);
        if (known != null) {
            return Future.succeededFuture(known);
        }
        if (refused.get(digest, now) != null) {
            return Future.failedFuture(EdgeRefusal.invalid(REFUSED));
        }
        Matcher key = KEY.matcher(apiKey);
        if (!key.matches()) {
            return Future.failedFuture(EdgeRefusal.invalid("The bearer credential is not a Commerce Suite API key."));
        }
        Promise<Exchanged> promise = Promise.promise();
        Future<Exchanged> underWay = inFlight.putIfAbsent(digest, promise.future());
        if (underWay != null) {
            return underWay;
        }
        String form = "grant_type=client_credentials&client_id=" + encode(key.group(1)) + "&client_secret="
                + encode(key.group(2));
        identity.postForm(tokenUrl, form)
                .recover(failure -> {
                    LOG.warnf("API-key exchange at %s failed: %s", tokenUrl, failure.getMessage());
                    return Future.failedFuture(EdgeRefusal.unavailable(UNAVAILABLE, RETRY_AFTER_SECONDS));
                })
                .compose(reply -> answer(reply, key.group(1), digest))
                .onComplete(done -> {
                    inFlight.remove(digest);
                    promise.handle(done);
                });
        return promise.future();
    }

    private Future<Exchanged> answer(IdentityClient.Reply reply, String keyId, ByteBuffer digest) {
        if (reply.status() == 400 || reply.status() == 401) {
            refused.put(digest, Boolean.TRUE, clock.millis() + refusalTtlMillis, clock.millis());
            LOG.debugf("Identity refused API key %s (HTTP %d)", keyId, reply.status());
            return Future.failedFuture(EdgeRefusal.invalid(REFUSED));
        }
        String accessToken;
        long expiresIn;
        try {
            if (reply.status() != 200) {
                throw new IllegalStateException("HTTP " + reply.status());
            }
            JsonObject body = new JsonObject(reply.body());
            accessToken = body.getString("access_token");
            expiresIn = body.getLong("expires_in", 0L);
            if (accessToken == null || accessToken.isEmpty()) {
                throw new IllegalStateException("no access_token");
            }
        } catch (IllegalStateException | DecodeException | ClassCastException e) {
            LOG.warnf("API-key exchange at %s answered unusably: %s", tokenUrl, e.getMessage());
            return Future.failedFuture(EdgeRefusal.unavailable(UNAVAILABLE, RETRY_AFTER_SECONDS));
        }
        long issuedAt = clock.millis();
        return tokens.verify(accessToken, null).map(verified -> {
            Exchanged result = new Exchanged("Bearer " + accessToken, verified.subject());
            exchanged.put(digest, result, issuedAt + expiresIn * 1000 - RENEW_BEFORE_MILLIS, clock.millis());
            return result;
        });
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
