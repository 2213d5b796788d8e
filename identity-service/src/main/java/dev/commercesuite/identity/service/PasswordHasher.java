package dev.commercesuite.identity.service;

import java.security.SecureRandom;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

import dev.commercesuite.identity.config.IdentityConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;

/**
 * Argon2id password hashing (through password4j) in PHC string form ({@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}),
 * with the parameters each hash was made with kept in the hash, so they can be raised over time. CPU- and
 * memory-heavy: it refuses to run on an event-loop thread. Timed as {@code identity.password.hashing} (tag
 * {@code operation}: {@code hash} or {@code verify}), which also counts them.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final Argon2Function current;
    /** Verified against when the account does not exist, so a miss costs what a hit costs. */
    private final String dummyHash;

    private final Timer hashes;
    private final Timer verifications;

    public PasswordHasher(IdentityConfig config, MeterRegistry meters) {
        IdentityConfig.Passwords parameters = config.passwords();
        this.current = Argon2Function.getInstance(parameters.memoryKib(), parameters.iterations(),
                parameters.parallelism(), HASH_BYTES, Argon2.ID);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.dummyHash = Password.hash(HexFormat.of().formatHex(random)).addRandomSalt(SALT_BYTES).with(current)
                .getResult();
        this.hashes = Timer.builder("identity.password.hashing").tag("operation", "hash")
                .description("Argon2id password hashes and verifications").register(meters);
        this.verifications = Timer.builder("identity.password.hashing").tag("operation", "verify")
                .description("Argon2id password hashes and verifications").register(meters);
    }

    public String hash(String password) {
        refuseEventLoop();
        return hashes.record(() -> Password.hash(password).addRandomSalt(SALT_BYTES).with(current).getResult());
    }

    /** Whether {@code password} matches {@code storedHash}; a malformed stored hash matches nothing. */
    public Verification verify(String password, String storedHash) {
        Argon2Function function;
        try {
            function = Argon2Function.getInstanceFromHash(storedHash);
        } catch (RuntimeException e) {
            return new Verification(false, false);
        }
        refuseEventLoop();
        boolean matches = verifications.record(() -> Password.check(password, storedHash).with(function));
        return new Verification(matches, matches && !sameParameters(function));
    }

    /** Does the work of a verification for an account that does not exist; always false. */
    public boolean verifyAgainstDummy(String password) {
        verify(password, dummyHash);
        return false;
    }

    /** Tens of milliseconds of CPU would stall every connection the event loop serves. */
    private static void refuseEventLoop() {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("password hashing must not run on an event-loop thread");
        }
    }

    private boolean sameParameters(Argon2Function function) {
        return function.getMemory() == current.getMemory() && function.getIterations() == current.getIterations()
                && function.getParallelism() == current.getParallelism()
                && function.getOutputLength() == current.getOutputLength() && function.getVariant() == current.getVariant();
    }

    /**
     * The outcome of a check: whether the password matched, and whether its hash should be replaced by one with the
     * current parameters (only ever true after a match).
     */
    public record Verification(boolean matches, boolean needsRehash) {
    }
}
