package dev.commercesuite.identity.service;

/** A shop already has the most active API keys it may have; one must be revoked first. */
public class TooManyApiKeysException extends RuntimeException {

    public TooManyApiKeysException() {
        super("too many active API keys", null, false, false);
    }
}
