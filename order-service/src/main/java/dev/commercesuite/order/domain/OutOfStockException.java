package dev.commercesuite.order.domain;

import java.util.List;
import java.util.UUID;

/** An order asked for more of some products than their stock holds; nothing was reserved. */
public class OutOfStockException extends RuntimeException {

    private final List<UUID> productIds;

    public OutOfStockException(List<UUID> productIds) {
        super("not enough stock for " + productIds.size() + " line(s)");
        this.productIds = List.copyOf(productIds);
    }

    /** The products whose stock is short, in the order of the request's lines. */
    public List<UUID> productIds() {
        return productIds;
    }
}
