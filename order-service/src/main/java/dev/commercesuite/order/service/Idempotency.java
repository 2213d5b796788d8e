package dev.commercesuite.order.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.commercesuite.order.config.OrderConfig;
import dev.commercesuite.order.domain.IdempotencyKey;
import dev.commercesuite.order.domain.IdempotencyRecord;
import dev.commercesuite.order.domain.IdempotencyScope;
import dev.commercesuite.order.domain.StoredResponse;
import dev.commercesuite.order.repository.IdempotencyRecordRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Runs a request that carries an {@code Idempotency-Key} at most once per (shop, caller, key), as Stripe and the IETF
 * {@code Idempotency-Key} draft describe, for order creation and every later money-moving POST:
 * <ol>
 * <li>The key is claimed in a transaction of its own, committed at once ({@code running}, for the configured lease),
 * so concurrent repeats see it: they get the stored answer if the first request is done ({@link Outcome#replayed()}),
 * {@link IdempotencyKeyInUseException} while it runs, and {@link IdempotencyKeyReusedException} when their request
 * differs from the first one (its fingerprint). A claim whose lease ran out without an answer is taken over.</li>
 * <li>The work runs in a new transaction that first locks the record and checks the claim is still its own; the
 * answer is stored in that same transaction, so the change and its answer commit together or not at all. The
 * transaction waits for the shop's turn first ({@link OrderAdmission}): one shop's work takes turns on its rows
 * anyway, and a request waiting in memory holds no database connection.</li>
 * <li>A refusal the caller's {@code refusals} turn into an answer (a business 4xx such as out-of-stock) is stored and
 * replayed like a success: the work's transaction is rolled back and the answer stored in another one. Any other
 * failure (invalid input, a 5xx, no turn in time: {@link ShopBusyException}) releases the claim, so a retry runs
 * afresh.</li>
 * </ol>
 * Answers are kept for the configured time ({@code order.idempotency.ttl}, 24 h); the clean-up job deletes them with
 * {@link IdempotencyRecordRepository#deleteExpired}.
 */
@ApplicationScoped
public class Idempotency {

    private static final Logger LOG = Logger.getLogger(Idempotency.class);

    /** What a request gets: the answer, and whether it is a stored one (sent with {@code Idempotent-Replayed}). */
    public record Outcome(StoredResponse response, boolean replayed) {
    }

    /** The request: whose key, which key, what operation ({@code POST /api/v1/orders}) and its fingerprint. */
    public record Request(IdempotencyScope scope, IdempotencyKey key, String operation, byte[] fingerprint) {
    }

    private sealed interface Claim {
    }

    private record Claimed(Instant until) implements Claim {
    }

    private record Stored(StoredResponse response) implements Claim {
    }

    private final IdempotencyRecordRepository records;
    private final OrderAdmission admission;
    private final Clock clock;
    private final Duration ttl;
    private final Duration lease;

    public Idempotency(IdempotencyRecordRepository records, OrderAdmission admission, Clock clock,
            OrderConfig config) {
        this.records = records;
        this.admission = admission;
        this.clock = clock;
        this.ttl = config.idempotency().ttl();
        this.lease = config.idempotency().lease();
    }

    /**
     * Runs {@code work} for {@code request} unless the key already has an answer. {@code work} runs inside the
     * transaction that stores its answer and must not start its own; {@code refusals} names the exceptions whose
     * answers are kept (anything it answers empty for releases the key and is rethrown).
     */
    public Outcome run(Request request, Supplier<StoredResponse> work,
            Function<RuntimeException, Optional<StoredResponse>> refusals) {
        return run(request, () -> null, ignored -> work.get(), refusals);
    }

    /**
     * As {@link #run(Request, Supplier, Function)}, with a first step {@code outside} that runs once the key is
     * claimed but outside any transaction, holding no database connection: a call to another system (Stripe) whose
     * own idempotency makes it safe to repeat. Its result goes to {@code work}, which runs in the transaction that
     * stores the answer. A failure of either step is judged by {@code refusals} alike.
     */
    public <P> Outcome run(Request request, Supplier<P> outside, Function<P, StoredResponse> work,
            Function<RuntimeException, Optional<StoredResponse>> refusals) {
        // the claim is a short transaction of its own, but a burst of one shop's requests would otherwise all want a
        // connection at once: it takes the shop's turn too, so a shop never holds more connections than its turns
        Claim claim = admission.admit(request.scope().tenantId(),
                () -> QuarkusTransaction.requiringNew().call(() -> claim(request)));
        if (claim instanceof Stored stored) {
            return new Outcome(open(request, stored.response()), true);
        }
        Instant claimedUntil = ((Claimed) claim).until();
        try {
            P prepared = outside.get();
            // the shop's turn is taken before the transaction, so a request waiting for it holds no connection
            StoredResponse response = admission.admit(request.scope().tenantId(),
                    () -> QuarkusTransaction.requiringNew().call(() -> {
                        IdempotencyRecord record = records.lock(request.scope(), request.key())
                                .filter(held -> held.heldBy(claimedUntil))
                                .orElseThrow(() -> new IdempotencyKeyInUseException(Duration.ofSeconds(1)));
                        StoredResponse answer = work.apply(prepared);
                        record.complete(seal(request, answer));
                        return answer;
                    }));
            return new Outcome(response, false);
        } catch (IdempotencyKeyInUseException e) {
            throw e; // the claim was taken over: the record is someone else's now
        } catch (RuntimeException e) {
            Optional<StoredResponse> refusal = refusals.apply(e);
            if (refusal.isPresent()) {
                keepRefusal(request, claimedUntil, refusal.get());
                return new Outcome(refusal.get(), false);
            }
            release(request, claimedUntil);
            throw e;
        }
    }

    private Claim claim(Request request) {
        Instant now = now();
        Instant until = now.plus(lease);
        if (records.claim(request.scope(), request.key(), request.operation(), request.fingerprint(), now, until,
                now.plus(ttl))) {
            return new Claimed(until);
        }
        Optional<IdempotencyRecord> found = records.lockUnlessBusy(request.scope(), request.key());
        if (found.isEmpty()) {
            // the first request holds its record while it works; the clean-up job may also have just deleted it
            Duration wait = records.peek(request.scope(), request.key()).map(busy -> busy.retryAfter(now))
                    .orElse(Duration.ofSeconds(1));
            throw new IdempotencyKeyInUseException(wait);
        }
        IdempotencyRecord record = found.get();
        return switch (record.judge(request.fingerprint(), now)) {
            case REPLAY -> new Stored(record.response());
            case REUSED -> throw new IdempotencyKeyReusedException();
            case IN_USE -> throw new IdempotencyKeyInUseException(record.retryAfter(now));
            case TAKE_OVER -> new Claimed(record.claimAgain(request.operation(), request.fingerprint(), now, lease,
                    ttl));
        };
    }

    private void keepRefusal(Request request, Instant claimedUntil, StoredResponse refusal) {
        try {
            QuarkusTransaction.requiringNew().run(() -> records.lock(request.scope(), request.key())
                    .filter(record -> record.heldBy(claimedUntil))
                    .ifPresent(record -> record.complete(seal(request, refusal))));
        } catch (RuntimeException e) {
            // the refusal is still the answer; unkept, the claim lapses and a retry runs the request again
            LOG.warn("could not keep the answer of an idempotent request; its key will be retried", e);
        }
    }

    private void release(Request request, Instant claimedUntil) {
        try {
            QuarkusTransaction.requiringNew().run(() -> records.release(request.scope(), request.key(),
                    claimedUntil));
        } catch (RuntimeException e) {
            LOG.warn("could not release an idempotency key after a failure; it is free again when its lease ends", e);
        }
    }

    private static StoredResponse seal(Request request, StoredResponse response) {
        return new StoredResponse(response.status(), request.key().seal(response.body(), request.scope()),
                response.location());
    }

    private static StoredResponse open(Request request, StoredResponse sealed) {
        return new StoredResponse(sealed.status(), request.key().open(sealed.body(), request.scope()),
                sealed.location());
    }

    /** Microseconds, as PostgreSQL keeps them: a claim is recognised by its exact end. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
