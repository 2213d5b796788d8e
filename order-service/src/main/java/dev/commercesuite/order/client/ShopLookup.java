package dev.commercesuite.order.client;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import dev.commercesuite.defaults.servicetoken.ServiceTokenException;
import dev.commercesuite.defaults.servicetoken.ServiceTokenSource;
import dev.commercesuite.order.config.OrderConfig;
import dev.commercesuite.order.domain.Shop;
import dev.commercesuite.order.domain.ShopDirectoryUnavailableException;
import dev.commercesuite.order.domain.UnknownShopException;
import dev.commercesuite.order.domain.Tier;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.CircuitBreakerName;

/**
 * Asks identity-service about a shop ({@code GET /internal/v1/tenants/{idOrSlug}} with this service's token). It owns
 * the fault tolerance of that call: a timeout per attempt, a short retry, a circuit breaker that opens after five
 * failures in a row, lets one call through after a minute and closes after two successes, and a fallback to the
 * last answer about the shop while it is younger than the stale limit. "No such shop" means identity is healthy: it
 * is neither retried nor counted against the breaker, nor answered from the cache.
 */
@ApplicationScoped
public class ShopLookup {

    /** The breaker's name, for its metrics. */
    public static final String BREAKER = "identity-tenants";
    private static final Logger LOG = Logger.getLogger(ShopLookup.class);
    /** What can name a shop: a UUID or a slug as identity-service allows them. */
    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private final Optional<IdentityTenantsRestClient> identity;
    private final ServiceTokenSource tokens;
    private final ShopCache cache;

    public ShopLookup(OrderConfig config, ServiceTokenSource tokens, ShopCache cache) {
        this.identity = config.identityUrl().map(ShopLookup::restClient);
        this.tokens = tokens;
        this.cache = cache;
    }

    /** Whether {@code value} could name a shop at all; anything else is unknown without asking. */
    public static boolean canName(String value) {
        if (value == null) {
            return false;
        }
        if (SLUG.matcher(value).matches()) {
            return true;
        }
        try {
            return UUID.fromString(value).toString().equals(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The shop named by {@code idOrSlug}, from identity-service (or, while it is down, the last known answer). */
    @Timeout(3_000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50,
            abortOn = { UnknownShopException.class, CircuitBreakerOpenException.class })
    @CircuitBreaker(requestVolumeThreshold = 5, failureRatio = 1.0, delay = 60_000, successThreshold = 2,
            skipOn = UnknownShopException.class)
    @CircuitBreakerName(BREAKER)
    @Fallback(fallbackMethod = "lastKnown", skipOn = UnknownShopException.class)
    public Shop fetch(String idOrSlug) {
        if (!canName(idOrSlug)) {
            throw new UnknownShopException(idOrSlug);
        }
        IdentityTenantsRestClient client = identity.orElseThrow(
                () -> new ShopDirectoryUnavailableException("order.identity-url is not configured"));
        int status;
        try (Response response = client.get(idOrSlug, "Bearer " + tokens.token())) {
            status = response.getStatus();
            if (status == 200) {
                Shop shop = shop(response.readEntity(IdentityTenantsRestClient.TenantAnswer.class));
                cache.remember(shop);
                return shop;
            }
        } catch (ProcessingException e) {
            throw new ShopDirectoryUnavailableException("identity-service unreachable: " + e.getMessage(), e);
        } catch (ServiceTokenException e) {
            throw new ShopDirectoryUnavailableException("no service token for identity-service", e);
        }
        if (status == 404) {
            throw new UnknownShopException(idOrSlug);
        }
        if (status == 401) {
            tokens.invalidate(); // an expired or rotated token: the next attempt gets a fresh one
        }
        throw new ShopDirectoryUnavailableException("identity-service answered " + status);
    }

    Shop lastKnown(String idOrSlug) {
        return cache.stale(idOrSlug).orElseThrow(() -> new ShopDirectoryUnavailableException(
                "identity-service cannot be asked about the shop and no recent answer is known"));
    }

    private static Shop shop(IdentityTenantsRestClient.TenantAnswer answer) {
        if (answer == null || answer.id() == null || answer.slug() == null) {
            throw new ShopDirectoryUnavailableException("identity-service answered without a shop");
        }
        Tier tier = Tier.parse(answer.tier()).orElseGet(() -> {
            // a tier this service does not know yet gets the strictest limits rather than none
            LOG.warnf("shop %s has unknown tier %s; using starter limits", answer.id(), answer.tier());
            return Tier.STARTER;
        });
        return new Shop(UUID.fromString(answer.id()), answer.slug(), answer.name(), "active".equals(answer.status()),
                tier);
    }

    private static IdentityTenantsRestClient restClient(String baseUrl) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(baseUrl.replaceAll("/+$", "")))
                .connectTimeout(1, TimeUnit.SECONDS)
                .readTimeout(2, TimeUnit.SECONDS)
                // every status comes back as a Response, classified above, instead of as an exception
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(IdentityTenantsRestClient.class);
    }
}
