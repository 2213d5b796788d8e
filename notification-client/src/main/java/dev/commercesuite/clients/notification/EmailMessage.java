package dev.commercesuite.clients.notification;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.commercesuite.clients.notification.data.AccountExistsData;
import dev.commercesuite.clients.notification.data.AccountLockedData;
import dev.commercesuite.clients.notification.data.NameData;
import dev.commercesuite.clients.notification.data.OrderCancelledData;
import dev.commercesuite.clients.notification.data.OrderConfirmationData;
import dev.commercesuite.clients.notification.data.OrderStatusUpdateData;
import dev.commercesuite.clients.notification.data.TokenLinkData;
import dev.commercesuite.clients.notification.data.WelcomeData;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One email for notification-service's intake ({@code POST /internal/v1/emails}): the template, the recipient, an
 * optional locale (notification-service falls back to {@code en}) and tenant, and the template's data. Build it with
 * the factory of its template, so the data has the fields that template needs; notification-service still validates
 * it and refuses what does not fit (a 400, which makes the message dead rather than retried).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmailMessage(String template, String to, String locale, String tenantId, Object data) {

    public EmailMessage {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(data, "data");
    }

    /** The same email in another locale (a language tag such as {@code de} or {@code pt-BR}). */
    public EmailMessage withLocale(String languageTag) {
        return new EmailMessage(template, to, languageTag, tenantId, data);
    }

    /** Sent once an address is verified. */
    public static EmailMessage welcome(String to, String tenantId, String name) {
        return new EmailMessage("welcome", to, null, tenantId, new WelcomeData(name));
    }

    /** The link that verifies an address; {@code token} is the one-time token it carries. */
    public static EmailMessage verifyEmail(String to, String tenantId, String name, String token) {
        return new EmailMessage("verify-email", to, null, tenantId, new TokenLinkData(name, token));
    }

    /** The link that sets a new password; {@code token} is the one-time token it carries. */
    public static EmailMessage passwordReset(String to, String tenantId, String name, String token) {
        return new EmailMessage("password-reset", to, null, tenantId, new TokenLinkData(name, token));
    }

    /** Tells the owner that the account's password was changed or reset. */
    public static EmailMessage passwordChanged(String to, String tenantId, String name) {
        return new EmailMessage("password-changed", to, null, tenantId, new NameData(name));
    }

    /** Someone tried to sign up with an address that already has an account in this shop. */
    public static EmailMessage accountExists(String to, String tenantId, String shopName) {
        return new EmailMessage("account-exists", to, null, tenantId, new AccountExistsData(shopName));
    }

    /** Repeated failed logins paused the account for {@code minutes}. */
    public static EmailMessage accountLocked(String to, String tenantId, String name, long minutes) {
        return new EmailMessage("account-locked", to, null, tenantId, new AccountLockedData(name, minutes));
    }

    public static EmailMessage orderConfirmation(String to, String tenantId, OrderConfirmationData data) {
        return new EmailMessage("order-confirmation", to, null, tenantId, data);
    }

    public static EmailMessage orderStatusUpdate(String to, String tenantId, OrderStatusUpdateData data) {
        return new EmailMessage("order-status-update", to, null, tenantId, data);
    }

    public static EmailMessage orderCancelled(String to, String tenantId, OrderCancelledData data) {
        return new EmailMessage("order-cancelled", to, null, tenantId, data);
    }
}
