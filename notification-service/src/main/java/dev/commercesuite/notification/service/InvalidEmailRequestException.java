package dev.commercesuite.notification.service;

import java.util.List;

import dev.commercesuite.defaults.problem.Problem;

/** The request names an unknown template, an unusable address or data the template cannot render. */
public class InvalidEmailRequestException extends RuntimeException {

    private final List<Problem.FieldError> errors;

    public InvalidEmailRequestException(List<Problem.FieldError> errors) {
        super("invalid email request: " + errors.stream().map(Problem.FieldError::field).toList());
        this.errors = List.copyOf(errors);
    }

    public InvalidEmailRequestException(String field, String message) {
        this(List.of(new Problem.FieldError(field, message)));
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
