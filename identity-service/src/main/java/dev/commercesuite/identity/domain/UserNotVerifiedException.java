package dev.commercesuite.identity.domain;

/** A change that needs a proven address was asked of a user who has not verified theirs yet. */
public class UserNotVerifiedException extends RuntimeException {

    public UserNotVerifiedException() {
        super("the user's address is not verified");
    }
}
