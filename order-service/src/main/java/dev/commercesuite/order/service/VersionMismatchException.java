package dev.commercesuite.order.service;

/**
 * The resource changed since the caller read it: the {@code If-Match} it sent names another version than the current
 * one, or a concurrent change won the race to write.
 */
public class VersionMismatchException extends RuntimeException {

    public VersionMismatchException() {
        super("the resource has changed since it was read");
    }
}
