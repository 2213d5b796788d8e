package dev.commercesuite.defaults.servicetoken;

/**
 * Where a service gets the access token it presents to the others. By default {@link ServiceTokenClient}, from
 * identity-service's token endpoint; identity-service itself signs its own.
 */
public interface ServiceTokenSource {

    String token();

    /** Forgets a cached token, e.g. after a 401. */
    void invalidate();
}
