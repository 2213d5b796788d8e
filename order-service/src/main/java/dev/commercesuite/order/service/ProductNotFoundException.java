package dev.commercesuite.order.service;

/** No product with this id in the shop (another shop's product is not found either), or not one the caller may see. */
public class ProductNotFoundException extends RuntimeException {

    public ProductNotFoundException() {
        super("no such product in this shop");
    }
}
