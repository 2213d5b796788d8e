package dev.commercesuite.order.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** One entry of an order's timeline: the status it reached, when, who moved it, and an optional note and tracking URL. */
@Entity
@Table(name = "order_events")
public class OrderEvent {

    @Id
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "order_id")
    private Order order;

    @Convert(converter = OrderStatusConverter.class)
    private OrderStatus status;

    private Instant at;

    private String actor;

    private String note;

    @Column(name = "tracking_url")
    private String trackingUrl;

    protected OrderEvent() {
    }

    OrderEvent(UUID id, Order order, OrderStatus status, Instant at, String actor, String note, String trackingUrl) {
        this.id = id;
        this.order = order;
        this.status = status;
        this.at = at;
        this.actor = actor;
        this.note = note;
        this.trackingUrl = trackingUrl;
    }

    public UUID id() {
        return id;
    }

    public OrderStatus status() {
        return status;
    }

    public Instant at() {
        return at;
    }

    /** Who made the change: {@code user:<id>}, {@code guest}, {@code system:<job>} and so on. */
    public String actor() {
        return actor;
    }

    public String note() {
        return note;
    }

    public String trackingUrl() {
        return trackingUrl;
    }
}
