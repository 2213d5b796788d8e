package dev.commercesuite.identity.service;

/** The password was right but the address is not verified yet (only said after a correct password). */
public class EmailNotVerifiedException extends RuntimeException {

    public EmailNotVerifiedException() {
        super("email not verified");
    }
}
