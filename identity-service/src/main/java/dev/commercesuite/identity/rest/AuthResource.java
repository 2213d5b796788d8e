package dev.commercesuite.identity.rest;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.commercesuite.identity.domain.RequestOrigin;
import dev.commercesuite.identity.service.LoginService;
import dev.commercesuite.identity.service.PasswordResets;
import dev.commercesuite.identity.service.RefreshService;
import dev.commercesuite.identity.service.SignupService;
import dev.commercesuite.identity.service.VerificationResends;
import io.vertx.core.http.HttpServerRequest;

/** Sign-up, email verification and login. */
@Path("/api/v1/auth")
@Tag(name = "auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    /** The one answer to every accepted sign-up, whether or not the address already had an account. */
    static final Map<String, String> SIGNUP_ACCEPTED = Map.of("status", "accepted",
            "message", "If this address can be used, a verification email is on its way.");

    static final Map<String, String> RESEND_ACCEPTED = Map.of("status", "accepted",
            "message", "If this address has an unverified account, a new verification email is on its way.");

    static final Map<String, String> RESET_ACCEPTED = Map.of("status", "accepted",
            "message", "If this address has an account, a password-reset email is on its way.");

    private final SignupService signups;
    private final VerificationResends resends;
    private final PasswordResets resets;
    private final LoginService logins;
    private final RefreshService refreshes;
    private final HttpServerRequest http;

    public AuthResource(SignupService signups, VerificationResends resends, PasswordResets resets,
            LoginService logins, RefreshService refreshes, HttpServerRequest http) {
        this.signups = signups;
        this.resends = resends;
        this.resets = resets;
        this.logins = logins;
        this.refreshes = refreshes;
        this.http = http;
    }

    @POST
    @Path("/refresh")
    @Operation(summary = "Exchange a refresh token for a new access token and a new refresh token")
    @APIResponse(responseCode = "200", description = "{accessToken, refreshToken, expiresIn, tokenType}")
    @APIResponse(responseCode = "401", description = "invalid-refresh-token; reusing a rotated token revokes its family")
    public LoginResponse refresh(@Valid @NotNull RefreshRequest request) {
        return LoginResponse.of(refreshes.refresh(request.refreshToken(), origin()));
    }

    @POST
    @Path("/logout")
    @Operation(summary = "Revoke the refresh token's family (this login's session)")
    @APIResponse(responseCode = "204", description = "Done, whether or not the token was valid")
    public Response logout(@Valid @NotNull RefreshRequest request) {
        refreshes.logout(request.refreshToken(), origin());
        return Response.noContent().build();
    }

    @POST
    @Path("/login")
    @Operation(summary = "Log in to a shop with email and password")
    @APIResponse(responseCode = "200", description = "{accessToken, expiresIn, tokenType}")
    @APIResponse(responseCode = "401", description = "One answer for every credential failure, lockout included")
    @APIResponse(responseCode = "403", description = "email-not-verified, only after a correct password")
    public LoginResponse login(@Valid @NotNull LoginRequest request) {
        return LoginResponse.of(logins.login(
                new LoginService.Credentials(request.tenant(), request.email(), request.password()), origin()));
    }

    @POST
    @Path("/signup")
    @Operation(summary = "Sign up as a customer of a shop")
    @APIResponse(responseCode = "202", description = "The same answer whether or not the address has an account")
    @APIResponse(responseCode = "400", description = "Invalid fields; every failed password rule listed")
    public Response signup(@Valid @NotNull SignupRequest request) {
        signups.signup(new SignupService.Signup(request.tenant(), request.email(), request.password(),
                request.name()), origin());
        return Response.accepted(SIGNUP_ACCEPTED).build();
    }

    @POST
    @Path("/resend-verification")
    @Operation(summary = "Send a new verification email, voiding the older link")
    @APIResponse(responseCode = "202", description = "The same answer whether or not the address has an account")
    public Response resendVerification(@Valid @NotNull ResendVerificationRequest request) {
        resends.request(request.tenant(), request.email(), origin());
        return Response.accepted(RESEND_ACCEPTED).build();
    }

    @POST
    @Path("/verify-email")
    @Operation(summary = "Verify an email address with the token from the verification email")
    @APIResponse(responseCode = "200", description = "Verified")
    @APIResponse(responseCode = "400", description = "invalid-or-expired-token: unknown, used, expired or malformed")
    public Map<String, String> verifyEmail(@Valid @NotNull VerifyEmailRequest request) {
        signups.verifyEmail(request.token(), origin());
        return Map.of("status", "verified");
    }

    @POST
    @Path("/forgot-password")
    @Operation(summary = "Send a password-reset link (at most 3 per account per hour)")
    @APIResponse(responseCode = "202", description = "The same answer whether or not the address has an account")
    public Response forgotPassword(@Valid @NotNull ForgotPasswordRequest request) {
        resets.request(request.tenant(), request.email(), origin());
        return Response.accepted(RESET_ACCEPTED).build();
    }

    @POST
    @Path("/reset-password")
    @Operation(summary = "Set a new password with the token from a password-reset email; signs out every session")
    @APIResponse(responseCode = "200", description = "The password is changed")
    @APIResponse(responseCode = "400", description = "invalid-or-expired-token, or the password fails the policy")
    public Map<String, String> resetPassword(@Valid @NotNull ResetPasswordRequest request) {
        resets.reset(request.token(), request.password(), origin());
        return Map.of("status", "password-changed");
    }

    private RequestOrigin origin() {
        return RequestOrigins.of(http);
    }
}
