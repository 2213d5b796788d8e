package dev.commercesuite.order.service;

/** Another product of the shop already has the sku: skus are unique in a shop. */
public class SkuTakenException extends RuntimeException {

    private final String sku;

    public SkuTakenException(String sku) {
        super("sku taken in this shop");
        this.sku = sku;
    }

    public String sku() {
        return sku;
    }
}
