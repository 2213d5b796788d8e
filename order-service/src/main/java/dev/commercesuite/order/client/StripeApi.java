package dev.commercesuite.order.client;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;

import dev.commercesuite.order.config.StripeConfig;
import dev.commercesuite.order.domain.PaymentProviderUnavailableException;
import dev.commercesuite.order.domain.PaymentRefusedException;
import io.smallrye.faulttolerance.api.CircuitBreakerName;

/**
 * Every call to Stripe's API goes through {@link #call}, which owns the fault tolerance: a timeout per attempt, two
 * retries of a failed attempt (safe: every call order-service makes is a read or carries an idempotency key, so
 * Stripe performs it at most once), and one circuit breaker for all of Stripe that opens after five failed attempts
 * in a row, lets a call through after a minute and closes after two successes. Stripe's refusals on the merits
 * ({@link PaymentRefusedException}: a declined card, an invalid request) are answers, not failures: never retried,
 * never counted against the breaker. Everything else becomes {@link PaymentProviderUnavailableException}. The SDK's
 * own retries are off (the JDK's HTTP client may still resend a POST once on a reset connection: harmless, since
 * Stripe answers a repeated idempotency key with its first answer). The SDK's read timeout ({@code stripe.timeout},
 * 8 s) ends a blocked attempt; this timeout (9 s) is the bound around it.
 */
@ApplicationScoped
class StripeApi {

    /** The circuit breaker's name, for its metrics. */
    static final String BREAKER = "stripe";
    private static final Logger LOG = Logger.getLogger(StripeApi.class);
    private static final Duration RETRY_SOON = Duration.ofSeconds(5);

    /** Stripe answered 429: retried, answered 503, but not counted against the breaker. */
    static final class StripeRateLimitedException extends PaymentProviderUnavailableException {

        StripeRateLimitedException(String what) {
            super("Stripe rate-limited " + what, Duration.ofSeconds(2), null);
        }
    }

    /** One call with the SDK's client. */
    @FunctionalInterface
    interface Call<T> {
        T run(StripeClient client) throws StripeException;
    }

    private final Optional<StripeClient> client;

    StripeApi(StripeConfig config) {
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis());
        this.client = config.secretKey().filter(key -> !key.isBlank()).map(key -> StripeClient.builder()
                .setApiKey(key)
                .setApiBase(config.apiBase().replaceAll("/+$", ""))
                .setConnectTimeout(Math.min(timeoutMillis, 5_000))
                .setReadTimeout(timeoutMillis)
                .setMaxNetworkRetries(0)
                .build());
    }

    @Timeout(9_000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100,
            retryOn = { PaymentProviderUnavailableException.class, TimeoutException.class },
            abortOn = { PaymentRefusedException.class, CircuitBreakerOpenException.class })
    @CircuitBreaker(requestVolumeThreshold = 5, failureRatio = 1.0, delay = 60_000, successThreshold = 2,
            skipOn = { PaymentRefusedException.class, StripeRateLimitedException.class })
    @CircuitBreakerName(BREAKER)
    <T> T call(String what, Call<T> call) {
        // three attempts of at most 9 s each fit in an Idempotency-Key's 30 s lease

        StripeClient stripe = client.orElseThrow(() -> new PaymentProviderUnavailableException(
                "STRIPE_SECRET_KEY is not set", RETRY_SOON, null));
        try {
            return call.run(stripe);
        } catch (RateLimitException e) {
            // Stripe asks this account to slow down: not a sign Stripe is down, so the breaker does not count it
            LOG.warnf("Stripe rate-limited %s (request %s)", what, e.getRequestId());
            throw new StripeRateLimitedException(what);
        } catch (CardException e) {
            throw new PaymentRefusedException(402, e.getCode(), e.getDeclineCode(), e);
        } catch (InvalidRequestException | IdempotencyException e) {
            LOG.warnf("Stripe refused %s: %s %s (request %s)", what, e.getStatusCode(), e.getCode(),
                    e.getRequestId());
            throw new PaymentRefusedException(400, e.getCode(), null, e);
        } catch (StripeException e) {
            // the exception's message is not logged: Stripe's messages may quote a key's prefix or internal ids
            LOG.warnf("Stripe failed %s: %s %s %s (request %s)", what, e.getClass().getSimpleName(),
                    e.getStatusCode(), e.getCode(), e.getRequestId());
            throw new PaymentProviderUnavailableException("Stripe failed " + what + ": "
                    + e.getClass().getSimpleName() + " " + e.getStatusCode(), RETRY_SOON, null);
        } catch (RuntimeException e) {
            LOG.warnf("Stripe's answer to %s could not be read: %s", what, e.getClass().getName());
            throw new PaymentProviderUnavailableException("Stripe's answer to " + what + " could not be read",
                    RETRY_SOON, e);
        }
    }
}
