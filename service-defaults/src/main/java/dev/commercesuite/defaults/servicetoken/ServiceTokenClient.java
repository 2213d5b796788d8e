package dev.commercesuite.defaults.servicetoken;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.DefaultBean;
import io.smallrye.faulttolerance.api.CircuitBreakerName;

/**
 * Gets this service's client-credentials token from identity-service and keeps it until shortly before it expires,
 * so calls to other services cost one token request per token lifetime, not one per call. Thread-safe; concurrent
 * callers during a renewal wait for the one request in flight. While the token endpoint keeps failing, a circuit
 * breaker ({@value #BREAKER}) makes callers fail fast instead of each waiting out the timeout.
 */
@ApplicationScoped
@DefaultBean
public class ServiceTokenClient implements ServiceTokenSource {

    /** The breaker's name, for its metrics and {@code CircuitBreakerMaintenance}. */
    public static final String BREAKER = "service-token";

    private final ServiceClientConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient http;
    private volatile CachedToken cached;

    @Inject
    public ServiceTokenClient(ServiceClientConfig config, ObjectMapper json) {
        this(config, json, Clock.systemUTC());
    }

    /** With an explicit clock, which decides when the cached token is renewed. */
    public ServiceTokenClient(ServiceClientConfig config, ObjectMapper json, Clock clock) {
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    /** A valid access token for this service, from the cache when it has one that is not about to expire. */
    @Override
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10_000, successThreshold = 1,
            failOn = ServiceTokenException.class)
    @CircuitBreakerName(BREAKER)
    public String token() {
        CachedToken current = cached;
        if (current != null && current.usableAt(clock.instant())) {
            return current.value();
        }
        synchronized (this) {
            current = cached;
            if (current == null || !current.usableAt(clock.instant())) {
                current = fetch();
                cached = current;
            }
            return current.value();
        }
    }

    /** Forgets the cached token, e.g. after a 401 from the service it was sent to. */
    @Override
    public void invalidate() {
        cached = null;
    }

    private CachedToken fetch() {
        String url = config.tokenUrl().orElseThrow(() -> missing("suite.service-client.token-url"));
        String id = config.id().orElseThrow(() -> missing("suite.service-client.id"));
        String secret = config.secret().orElseThrow(() -> missing("suite.service-client.secret"));
        String form = "grant_type=client_credentials&client_id=" + encode(id) + "&client_secret=" + encode(secret);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(config.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        Instant requestedAt = clock.instant();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new ServiceTokenException("the token endpoint answered " + response.statusCode()
                        + errorOf(response.body()));
            }
            JsonNode body = json.readTree(response.body());
            String token = body.path("access_token").asText(null);
            long expiresIn = body.path("expires_in").asLong(0);
            if (token == null || expiresIn <= 0) {
                throw new ServiceTokenException("the token endpoint's answer has no access_token and expires_in");
            }
            Instant renewAt = requestedAt.plusSeconds(expiresIn).minus(config.renewBefore());
            return new CachedToken(token, renewAt);
        } catch (IOException e) {
            throw new ServiceTokenException("the token endpoint could not be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceTokenException("interrupted while getting a service token", e);
        }
    }

    private String errorOf(String body) {
        try {
            String error = json.readTree(body).path("error").asText("");
            return error.isEmpty() ? "" : " (" + error + ")";
        } catch (IOException e) {
            return "";
        }
    }

    private static ServiceTokenException missing(String key) {
        return new ServiceTokenException(key + " is not configured");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private record CachedToken(String value, Instant renewAt) {

        boolean usableAt(Instant now) {
            return now.isBefore(renewAt);
        }
    }
}
