package dev.commercesuite.order.domain;

import java.io.Serializable;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * One {@code Idempotency-Key} of one caller in one shop, and what became of the request that first used it: while
 * that request works the record is {@code running}, claimed until {@link #lockedUntil()}; then it is {@code done} and
 * holds the answer (sealed, see {@link IdempotencyKey}) that every repeat of the request gets back until the record
 * expires. The rules for a repeat are {@link #judge}'s; the first claim is inserted by the repository in one
 * statement, so that of concurrent first requests exactly one wins.
 */
@Entity
@Table(name = "idempotency_records")
public class IdempotencyRecord {

    /** What a request that finds this record must do. */
    public enum Verdict {
        /** The first request is done: answer with its stored response. */
        REPLAY,
        /** The first request is still being worked on: try again shortly. */
        IN_USE,
        /** The key was used for a different request: refuse. */
        REUSED,
        /** The record has expired, or its claim was abandoned (the worker crashed): claim it again. */
        TAKE_OVER
    }

    public enum State {
        RUNNING, DONE
    }

    @EmbeddedId
    private Id id;

    private String operation;

    private byte[] fingerprint;

    @Convert(converter = StateConverter.class)
    private State state;

    @Column(name = "response_status")
    private Integer responseStatus;

    @Column(name = "response_body")
    private String responseBody;

    private String location;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(name = "expires_at")
    private Instant expiresAt;

    protected IdempotencyRecord() {
    }

    /**
     * How a request with this record's key and {@code fingerprint} (of method, path and body) goes on at {@code now}:
     * an expired record is as good as none; a different request under the same key is refused; a finished one is
     * replayed; a running one is waited for until its claim lapses, after which its worker is taken to have died.
     */
    public Verdict judge(byte[] fingerprint, Instant now) {
        if (!expiresAt.isAfter(now)) {
            return Verdict.TAKE_OVER;
        }
        if (!MessageDigest.isEqual(this.fingerprint, fingerprint)) {
            return Verdict.REUSED;
        }
        if (state == State.DONE) {
            return Verdict.REPLAY;
        }
        return lockedUntil.isAfter(now) ? Verdict.IN_USE : Verdict.TAKE_OVER;
    }

    /**
     * Claims the record for a new first request (after {@link Verdict#TAKE_OVER}): running until {@code now + lease},
     * kept until {@code now + ttl}. Answers the claim's end, which identifies this claim: every later claim ends later.
     */
    public Instant claimAgain(String operation, byte[] fingerprint, Instant now, Duration lease, Duration ttl) {
        this.operation = operation;
        this.fingerprint = fingerprint.clone();
        this.state = State.RUNNING;
        this.responseStatus = null;
        this.responseBody = null;
        this.location = null;
        this.createdAt = now;
        this.lockedUntil = now.plus(lease);
        this.expiresAt = now.plus(ttl);
        return lockedUntil;
    }

    /** Whether the claim that ends at {@code claimedUntil} still holds the record (no one took it over). */
    public boolean heldBy(Instant claimedUntil) {
        return state == State.RUNNING && lockedUntil.equals(claimedUntil);
    }

    /** The first request is done; {@code response} (its body sealed) is what repeats get from now on. */
    public void complete(StoredResponse response) {
        if (state != State.RUNNING) {
            throw new IllegalStateException("only a running request completes");
        }
        state = State.DONE;
        responseStatus = response.status();
        responseBody = response.body();
        location = response.location();
    }

    /** The stored response, its body still sealed; only for a {@code done} record. */
    public StoredResponse response() {
        if (state != State.DONE) {
            throw new IllegalStateException("a running request has no response yet");
        }
        return new StoredResponse(responseStatus, responseBody, location);
    }

    /** How long a repeat should wait before trying again: until the claim ends, at least a second. */
    public Duration retryAfter(Instant now) {
        Duration left = Duration.between(now, lockedUntil);
        return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
    }

    public Id id() {
        return id;
    }

    public String operation() {
        return operation;
    }

    public State state() {
        return state;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lockedUntil() {
        return lockedUntil;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** The record's key: shop, caller and the stored form of the client's key. */
    @Embeddable
    public static class Id implements Serializable {

        @Column(name = "tenant_id")
        private UUID tenantId;

        private String caller;

        @Column(name = "idempotency_key")
        private String key;

        protected Id() {
        }

        public Id(IdempotencyScope scope, IdempotencyKey key) {
            this.tenantId = scope.tenantId();
            this.caller = scope.caller();
            this.key = key.storedForm();
        }

        public UUID tenantId() {
            return tenantId;
        }

        public String caller() {
            return caller;
        }

        public String key() {
            return key;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Id that && tenantId.equals(that.tenantId) && caller.equals(that.caller)
                    && key.equals(that.key);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, caller, key);
        }
    }

    /** {@link State} as the lower-case text of the {@code state} column. */
    @Converter
    public static class StateConverter implements AttributeConverter<State, String> {

        @Override
        public String convertToDatabaseColumn(State state) {
            return state == null ? null : state == State.RUNNING ? "running" : "done";
        }

        @Override
        public State convertToEntityAttribute(String value) {
            if (value == null) {
                return null;
            }
            return switch (value) {
                case "running" -> State.RUNNING;
                case "done" -> State.DONE;
                default -> throw new IllegalArgumentException("unknown idempotency state " + value);
            };
        }
    }
}
