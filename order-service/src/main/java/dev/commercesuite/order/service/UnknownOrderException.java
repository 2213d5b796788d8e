package dev.commercesuite.order.service;

/**
 * No order the caller may see has this id: it does not exist, is another shop's, is another customer's, or the access
 * token does not open it. One answer for all, so none of them can be told apart.
 */
public class UnknownOrderException extends RuntimeException {

    public UnknownOrderException() {
        super("no such order for this caller", null, false, false);
    }
}
