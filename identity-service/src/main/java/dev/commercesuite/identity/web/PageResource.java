package dev.commercesuite.identity.web;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.commercesuite.defaults.problem.Problem;
import dev.commercesuite.defaults.validation.EmailAddresses;
import dev.commercesuite.defaults.problem.InvalidRequestException;
import dev.commercesuite.identity.domain.Tenant;
import dev.commercesuite.identity.service.InvalidTokenException;
import dev.commercesuite.identity.service.OneTimeTokens;
import dev.commercesuite.identity.service.PasswordResets;
import dev.commercesuite.identity.rest.RequestOrigins;
import dev.commercesuite.identity.service.SignupService;
import dev.commercesuite.identity.service.TenantService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;

/**
 * The account pages the emails link to: forgot password, reset password, verify email. Plain HTML forms (no
 * JavaScript), each form protected by {@link FormTokens}; every answer carries {@code Referrer-Policy: no-referrer}
 * (so a token in the address never leaks to another site), {@code Cache-Control: no-store} and a strict
 * Content-Security-Policy. Errors are shown next to their fields and summarised at the top, linked to the fields.
 * A page that knows its shop (from {@code ?shop=}, the form, or the token being used) is headed by the shop's name,
 * as the emails are; otherwise by the suite's.
 */
@Path("/")
@Tag(name = "pages")
@Produces(MediaType.TEXT_HTML)
public class PageResource {

    private static final int MAX_SLUG = 40;
    private static final int MAX_EMAIL = 254;
    private static final int MAX_PASSWORD = 1024;

    /** The forgot-password form as shown, with what was typed and what was wrong with it. */
    public record ForgotForm(String csrf, String shop, String email, String shopError, String emailError) {

        public boolean hasErrors() {
            return shopError != null || emailError != null;
        }
    }

    /** The new-password form: the reset token rides along in a hidden field. */
    public record ResetForm(String csrf, String token, List<String> passwordErrors, String confirmError) {

        public boolean hasErrors() {
            return !passwordErrors.isEmpty() || confirmError != null;
        }
    }

    /** A page that only says something, with an optional link onwards. */
    public record Message(String heading, String text, String linkHref, String linkText) {
    }

    /** What heads a page: the shop's name when the page knows its shop, else null (the suite's name is shown). */
    public record Shop(String name) {

        static final Shop UNKNOWN = new Shop(null);

        static Shop of(Optional<Tenant> tenant) {
            return tenant.map(t -> new Shop(t.name())).orElse(UNKNOWN);
        }
    }

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance forgotPassword(ForgotForm form, Shop shop);

        static native TemplateInstance resetPassword(ResetForm form, Shop shop);

        static native TemplateInstance message(Message message, Shop shop);
    }

    private static final Message FORM_EXPIRED = new Message("This form has expired",
            "For your safety the form could not be accepted. Open the page again and send the form from there.",
            null, null);
    private static final Message LINK_INVALID = new Message("This link does not work any more",
            "The link is invalid, was already used or has expired. You can ask for a new one.",
            "/forgot-password", "Ask for a new password-reset link");

    private final FormTokens formTokens;
    private final PasswordResets resets;
    private final SignupService signups;
    private final TenantService tenants;
    private final HttpServerRequest http;

    public PageResource(FormTokens formTokens, PasswordResets resets, SignupService signups, TenantService tenants,
            HttpServerRequest http) {
        this.formTokens = formTokens;
        this.resets = resets;
        this.signups = signups;
        this.tenants = tenants;
        this.http = http;
    }

    @GET
    @Path("/forgot-password")
    @Operation(summary = "HTML: the forgot-password form")
    public Response forgotPasswordForm(@QueryParam("shop") String shop) {
        String csrf = formTokens.issue();
        String prefill = shop != null && shop.length() <= MAX_SLUG ? shop : "";
        return page(200, Templates.forgotPassword(new ForgotForm(csrf, prefill, "", null, null), shopNamed(prefill)),
                csrf);
    }

    @POST
    @Path("/forgot-password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "HTML: send the forgot-password form")
    public Response forgotPassword(@FormParam("csrf") String csrf, @FormParam("shop") String shop,
            @FormParam("email") String email, @CookieParam(FormTokens.COOKIE) String cookie,
            @HeaderParam("Origin") String origin, @HeaderParam("Sec-Fetch-Site") String fetchSite) {
        if (!formTokens.accepts(cookie, csrf, origin, fetchSite, http.getHeader("Host"))) {
            return page(403, Templates.message(FORM_EXPIRED, Shop.UNKNOWN), null);
        }
        String shopValue = shop == null ? "" : shop.strip();
        String emailValue = email == null ? "" : email.strip();
        String shopError = shopValue.isEmpty() ? "Enter your shop's short name."
                : shopValue.length() > MAX_SLUG ? "The shop's short name has at most 40 characters." : null;
        String emailError = emailValue.isEmpty() ? "Enter your email address."
                : !EmailAddresses.isPlain(EmailAddresses.normalize(emailValue)) ? "Enter an email address like name@example.com."
                : null;
        if (shopError != null || emailError != null) {
            String next = formTokens.issue();
            return page(400, Templates.forgotPassword(new ForgotForm(next, truncate(shopValue, MAX_SLUG),
                    truncate(emailValue, MAX_EMAIL), shopError, emailError), shopNamed(shopValue)), next);
        }
        resets.request(shopValue, emailValue, RequestOrigins.of(http));
        return page(200, Templates.message(new Message("Check your email",
                "If this address has an account at this shop, we have sent it a link to choose a new password."
                        + " The link works once and for one hour.", null, null), shopNamed(shopValue)), null);
    }

    @GET
    @Path("/reset-password")
    @Operation(summary = "HTML: the new-password form for a password-reset link")
    public Response resetPasswordForm(@QueryParam("token") String token) {
        if (!OneTimeTokens.isWellFormed(token)) {
            return page(400, Templates.message(LINK_INVALID, Shop.UNKNOWN), null);
        }
        String csrf = formTokens.issue();
        return page(200, Templates.resetPassword(new ResetForm(csrf, token, List.of(), null),
                Shop.of(resets.shopOf(token))), csrf);
    }

    @POST
    @Path("/reset-password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "HTML: send the new-password form")
    public Response resetPassword(@FormParam("csrf") String csrf, @FormParam("token") String token,
            @FormParam("password") String password, @FormParam("confirm") String confirm,
            @CookieParam(FormTokens.COOKIE) String cookie, @HeaderParam("Origin") String origin,
            @HeaderParam("Sec-Fetch-Site") String fetchSite) {
        if (!formTokens.accepts(cookie, csrf, origin, fetchSite, http.getHeader("Host"))) {
            return page(403, Templates.message(FORM_EXPIRED, Shop.UNKNOWN), null);
        }
        if (!OneTimeTokens.isWellFormed(token)) {
            return page(400, Templates.message(LINK_INVALID, Shop.UNKNOWN), null);
        }
        String newPassword = password == null ? "" : truncate(password, MAX_PASSWORD);
        if (confirm == null || !confirm.equals(password)) {
            return resetFormAgain(token, List.of(), "The two passwords are not the same.");
        }
        Tenant shop;
        try {
            shop = resets.reset(token, newPassword, RequestOrigins.of(http));
        } catch (InvalidTokenException e) {
            return page(400, Templates.message(LINK_INVALID, Shop.UNKNOWN), null);
        } catch (InvalidRequestException e) {
            return resetFormAgain(token, e.errors().stream().map(Problem.FieldError::message).toList(), null);
        }
        return page(200, Templates.message(new Message("Your password is changed",
                "You can now sign in with your new password. Every other session of your account has been signed out.",
                null, null), Shop.of(Optional.of(shop))), null);
    }

    @GET
    @Path("/verify-email")
    @Operation(summary = "HTML: verify an email address from the link in the verification email")
    public Response verifyEmail(@QueryParam("token") String token) {
        Optional<Tenant> shop;
        try {
            shop = signups.verifyEmail(token, RequestOrigins.of(http));
        } catch (InvalidTokenException e) {
            return page(400, Templates.message(new Message("This link does not work any more",
                    "The link is invalid, was already used or has expired. Sign in to ask for a new one.", null, null),
                    Shop.UNKNOWN), null);
        }
        return page(200, Templates.message(new Message("Your email address is confirmed",
                "Thank you. You can now sign in.", null, null), Shop.of(shop)), null);
    }

    private Response resetFormAgain(String token, List<String> passwordErrors, String confirmError) {
        String next = formTokens.issue();
        return page(400, Templates.resetPassword(new ResetForm(next, token, passwordErrors, confirmError),
                Shop.of(resets.shopOf(token))), next);
    }

    /** The shop a slug typed or passed in the address names, if any (a malformed one names none). */
    private Shop shopNamed(String slug) {
        return Tenant.isValidSlug(slug) ? Shop.of(tenants.find(slug).filter(Tenant::isActive)) : Shop.UNKNOWN;
    }

    /** An HTML answer with the pages' headers, and a fresh form-token cookie when the page holds a form. */
    private Response page(int status, TemplateInstance page, String csrf) {
        Response.ResponseBuilder response = Response.status(status).entity(page.render())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self';"
                        + " frame-ancestors 'none'; base-uri 'none'");
        if (csrf != null) {
            response.cookie(formTokens.cookie(csrf));
        }
        return response.build();
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
