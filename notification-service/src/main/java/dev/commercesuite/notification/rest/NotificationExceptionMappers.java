package dev.commercesuite.notification.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.commercesuite.defaults.problem.ProblemType;
import dev.commercesuite.defaults.problem.Problems;
import dev.commercesuite.notification.service.EmailNotDeadException;
import dev.commercesuite.notification.service.IdempotencyConflictException;
import io.vertx.core.http.HttpServerRequest;

/** notification-service's domain errors as problem+json. */
public class NotificationExceptionMappers {

    @ServerExceptionMapper
    public Response idempotencyConflict(IdempotencyConflictException e, HttpServerRequest request) {
        return Problems.response(Problems.of(ProblemType.UNPROCESSABLE, 422,
                "This Idempotency-Key was already used for a different request; use a new key for a new email.",
                request.path()));
    }

    @ServerExceptionMapper
    public Response notDead(EmailNotDeadException e, HttpServerRequest request) {
        return Problems.response(Problems.of(ProblemType.CONFLICT, 409,
                "Only dead emails can be retried; this one is " + e.status().value() + ".", request.path()));
    }
}
