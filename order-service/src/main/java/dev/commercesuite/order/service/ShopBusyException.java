package dev.commercesuite.order.service;

/** Too many orders of this shop are being placed at once: this one did not get its turn in time. Retry shortly. */
public class ShopBusyException extends RuntimeException {

    public ShopBusyException() {
        super("too many orders of this shop are being placed right now");
    }
}
