package dev.commercesuite.identity.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.commercesuite.defaults.problem.ProblemType;
import dev.commercesuite.defaults.problem.Problems;
import dev.commercesuite.identity.domain.RoleChangeRefusedException;
import dev.commercesuite.identity.domain.SlugTakenException;
import dev.commercesuite.identity.domain.UserNotVerifiedException;
import dev.commercesuite.identity.service.EmailNotVerifiedException;
import dev.commercesuite.identity.service.InvalidCredentialsException;
import dev.commercesuite.identity.service.InvalidRefreshTokenException;
import dev.commercesuite.identity.service.InvalidTokenException;
import dev.commercesuite.identity.service.TooManyApiKeysException;
import io.vertx.core.http.HttpServerRequest;

/** identity-service's domain errors as problem+json. */
public class IdentityExceptionMappers {

    @ServerExceptionMapper
    public Response invalidToken(InvalidTokenException e, HttpServerRequest request) {
        return Problems.response(Problems.of("invalid-or-expired-token", "Invalid or expired token", 400,
                "This link is invalid, was already used or has expired; ask for a new one.", request.path()));
    }

    @ServerExceptionMapper
    public Response invalidCredentials(InvalidCredentialsException e, HttpServerRequest request) {
        return Problems.response(Problems.of("invalid-credentials", "Invalid credentials", 401,
                "The shop, email address or password is not right.", request.path()));
    }

    @ServerExceptionMapper
    public Response invalidRefreshToken(InvalidRefreshTokenException e, HttpServerRequest request) {
        return Problems.response(Problems.of("invalid-refresh-token", "Invalid refresh token", 401,
                "This refresh token is not valid any more; log in again.", request.path()));
    }

    @ServerExceptionMapper
    public Response emailNotVerified(EmailNotVerifiedException e, HttpServerRequest request) {
        return Problems.response(Problems.of("email-not-verified", "Email not verified", 403,
                "Confirm your email address with the link we sent you, or ask for a new one.", request.path()));
    }

    @ServerExceptionMapper
    public Response slugTaken(SlugTakenException e, HttpServerRequest request) {
        return Problems.response(Problems.of(ProblemType.CONFLICT, 409,
                "Another shop already uses this slug; choose another one.", request.path()));
    }

    @ServerExceptionMapper
    public Response tooManyApiKeys(TooManyApiKeysException e, HttpServerRequest request) {
        return Problems.response(Problems.of(ProblemType.CONFLICT, 409,
                "This shop already has the most active API keys allowed; revoke one first.", request.path()));
    }

    @ServerExceptionMapper
    public Response userNotVerified(UserNotVerifiedException e, HttpServerRequest request) {
        return Problems.response(Problems.of("user-not-verified", "User not verified", 409,
                "This user has not confirmed their email address yet; only verified users can be made staff.",
                request.path()));
    }

    @ServerExceptionMapper
    public Response roleChangeRefused(RoleChangeRefusedException e, HttpServerRequest request) {
        return Problems.response(Problems.of("role-change-refused", "Role change refused", 409,
                "This user is an admin of the shop; granting or revoking staff never changes an admin's role.",
                request.path()));
    }
}
