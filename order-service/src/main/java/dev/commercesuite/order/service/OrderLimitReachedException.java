package dev.commercesuite.order.service;

import java.time.Instant;

/** The shop has taken as many orders this UTC month as its tier allows; more are taken from {@link #resetsAt()}. */
public class OrderLimitReachedException extends RuntimeException {

    private final int limit;
    private final Instant resetsAt;

    public OrderLimitReachedException(int limit, Instant resetsAt) {
        super("the shop's monthly order limit of " + limit + " is reached");
        this.limit = limit;
        this.resetsAt = resetsAt;
    }

    /** Orders the shop's tier allows per month. */
    public int limit() {
        return limit;
    }

    /** The first instant of the next UTC month. */
    public Instant resetsAt() {
        return resetsAt;
    }
}
