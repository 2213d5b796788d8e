package dev.commercesuite.identity.service;

import java.util.List;

import dev.commercesuite.defaults.problem.Problem;

/** A request the service refuses field by field (answered as a 400 validation problem). */
public class InvalidRequestException extends RuntimeException {

    private final List<Problem.FieldError> errors;

    public InvalidRequestException(List<Problem.FieldError> errors) {
        super("invalid request: " + errors.stream().map(Problem.FieldError::field).distinct().toList());
        this.errors = List.copyOf(errors);
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
