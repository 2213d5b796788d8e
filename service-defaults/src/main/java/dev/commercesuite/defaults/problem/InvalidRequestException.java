package dev.commercesuite.defaults.problem;

import java.util.List;

/**
 * A request refused field by field, answered as a 400 {@code validation-failed} problem whose {@code errors} name
 * each field. The one validation exception of every service: services throw it for rules a bean-validation annotation
 * cannot express (an unknown template, a cursor this endpoint never issued, a password the policy refuses).
 */
public class InvalidRequestException extends RuntimeException {

    private final List<Problem.FieldError> errors;

    public InvalidRequestException(List<Problem.FieldError> errors) {
        super("invalid request: " + errors.stream().map(Problem.FieldError::field).distinct().toList());
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid request names at least one field");
        }
        this.errors = List.copyOf(errors);
    }

    public InvalidRequestException(String field, String message) {
        this(List.of(new Problem.FieldError(field, message)));
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
