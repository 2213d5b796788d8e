package dev.commercesuite.order.service;

/** The shop is suspended: it takes no orders. */
public class ShopSuspendedException extends RuntimeException {

    public ShopSuspendedException() {
        super("this shop is suspended");
    }
}
