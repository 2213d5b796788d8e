package dev.commercesuite.defaults.servicetoken;

/** No service token could be obtained; the call that needed it should be retried later. */
public class ServiceTokenException extends RuntimeException {

    public ServiceTokenException(String message) {
        super(message);
    }

    public ServiceTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
