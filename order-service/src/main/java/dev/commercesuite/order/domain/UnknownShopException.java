package dev.commercesuite.order.domain;

/** No shop has this id or slug (identity-service said so, or the value cannot name one). */
public class UnknownShopException extends RuntimeException {

    public UnknownShopException(String idOrSlug) {
        super("no shop " + idOrSlug);
    }
}
