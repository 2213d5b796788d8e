package dev.commercesuite.order.domain;

/** identity-service could not be asked about a shop, and no recent enough answer about it is known. */
public class ShopDirectoryUnavailableException extends RuntimeException {

    public ShopDirectoryUnavailableException(String message) {
        super(message);
    }

    public ShopDirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
