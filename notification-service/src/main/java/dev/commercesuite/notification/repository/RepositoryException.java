package dev.commercesuite.notification.repository;

/** A database operation failed; the caller's request cannot be served now (answered as a 500 or retried). */
public class RepositoryException extends RuntimeException {

    public RepositoryException(String operation, Throwable cause) {
        super("could not " + operation, cause);
    }
}
