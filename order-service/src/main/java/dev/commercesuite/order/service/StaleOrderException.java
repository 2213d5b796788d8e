package dev.commercesuite.order.service;

/** The order changed since the version the caller named in {@code If-Match}; nothing was changed. */
public class StaleOrderException extends RuntimeException {

    private final long currentVersion;

    public StaleOrderException(long currentVersion) {
        super("the order is at version " + currentVersion + " now", null, false, false);
        this.currentVersion = currentVersion;
    }

    /** The order's version now (its ETag), or -1 when a concurrent change was only seen at the commit. */
    public long currentVersion() {
        return currentVersion;
    }
}
