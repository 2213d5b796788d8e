package dev.commercesuite.identity.service;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Counts logins by outcome ({@code identity_logins_total}) and the lockouts wrong passwords start
 * ({@code identity_lockouts_total}), for the dashboards and for spotting credential stuffing (a rise of
 * {@code unknown-account} and {@code wrong-password}). Every outcome's series exists at 0 from start-up. A count made
 * inside a transaction is added once that transaction commits, so a rolled-back attempt is never counted.
 */
@Startup // the series exist from the first scrape
@ApplicationScoped
public class LoginMeters {

    /** How a login ended; the tag value is the name in kebab case. */
    public enum Outcome {
        SUCCESS,
        /** Right password, email not verified yet. */
        UNVERIFIED,
        WRONG_PASSWORD,
        UNKNOWN_ACCOUNT,
        /** Refused without looking at the password: the account waits out a lockout. */
        LOCKED,
        /** Right password, but the shop is suspended. */
        SUSPENDED;

        String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Map<Outcome, Counter> logins = new EnumMap<>(Outcome.class);
    private final Counter lockouts;
    private final TransactionSynchronizationRegistry transactions;

    public LoginMeters(MeterRegistry registry, TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
        for (Outcome outcome : Outcome.values()) {
            logins.put(outcome, Counter.builder("identity.logins").description("Login attempts by outcome")
                    .tag("outcome", outcome.tag()).register(registry));
        }
        this.lockouts = Counter.builder("identity.lockouts")
                .description("Accounts locked after repeated wrong passwords (login and password change)")
                .register(registry);
    }

    /** A login ended with {@code outcome}. */
    void login(Outcome outcome) {
        afterCommit(logins.get(outcome));
    }

    /** A wrong password started an account's lockout. */
    void lockout() {
        afterCommit(lockouts);
    }

    private void afterCommit(Counter counter) {
        int status = transactions.getTransactionStatus();
        if (status == Status.STATUS_NO_TRANSACTION) {
            counter.increment();
            return;
        }
        if (status != Status.STATUS_ACTIVE) {
            return; // marked for rollback: it will not have happened
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // counted only once the outcome is known
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    counter.increment();
                }
            }
        });
    }
}
