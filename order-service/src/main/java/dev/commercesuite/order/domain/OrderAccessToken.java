package dev.commercesuite.order.domain;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * A further access token of an order, issued for the link of a later email (see {@link Order#grantAccessToken}); only
 * its SHA-256 is kept.
 */
@Entity
@Table(name = "order_access_tokens")
public class OrderAccessToken {

    @Id
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "order_id")
    private Order order;

    @Column(name = "token_hash")
    private byte[] tokenHash;

    @Column(name = "issued_at")
    private Instant issuedAt;

    protected OrderAccessToken() {
    }

    OrderAccessToken(UUID id, Order order, byte[] tokenHash, Instant issuedAt) {
        this.id = id;
        this.order = order;
        this.tokenHash = tokenHash.clone();
        this.issuedAt = issuedAt;
    }

    /** Whether {@code presentedHash} is this token's hash (constant time). */
    boolean matches(byte[] presentedHash) {
        return MessageDigest.isEqual(tokenHash, presentedHash);
    }

    public Instant issuedAt() {
        return issuedAt;
    }
}
