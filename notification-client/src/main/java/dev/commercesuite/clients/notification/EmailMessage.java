package dev.commercesuite.clients.notification;

import java.util.Objects;
import java.util.regex.Pattern;

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
 * optional locale (notification-service falls back to {@code en}), tenant and shop name, and the template's data.
 * Build it with the factory of its template, so the data has the fields that template needs, and name the shop it is
 * sent for with {@link #withShop(String)}; notification-service still validates it and refuses what does not fit (a
 * 400, which makes the message dead rather than retried).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmailMessage(String template, String to, String locale, String tenantId, String shopName,
        Object data) {

    /** The longest shop name the intake takes, in characters (code points). */
    public static final int MAX_SHOP_NAME = 200;
    private static final Pattern ONE_LINE_BREAKERS = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}\\s]+");

    public EmailMessage {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(data, "data");
    }

    /** An email that names no shop (the suite's name heads it and is its sender's name). */
    public EmailMessage(String template, String to, String locale, String tenantId, Object data) {
        this(template, to, locale, tenantId, null, data);
    }

    /** The same email in another locale (a language tag such as {@code de} or {@code pt-BR}). */
    public EmailMessage withLocale(String languageTag) {
        return new EmailMessage(template, to, languageTag, tenantId, shopName, data);
    }

    /**
     * The same email sent for the shop called {@code name}: the shop's name heads the email and is the display name
     * of its From header (the address stays notification-service's). Any name is made to fit what the intake takes,
     * so a shop's name can never get its emails refused: every run of whitespace, control characters (CR, LF, TAB,
     * ...) and line or paragraph separators becomes one space, the ends are trimmed, and the name is cut to
     * {@value #MAX_SHOP_NAME} characters; a null or blank name names no shop.
     */
    public EmailMessage withShop(String name) {
        return new EmailMessage(template, to, locale, tenantId, fitShopName(name), data);
    }

    static String fitShopName(String name) {
        if (name == null) {
            return null;
        }
        String oneLine = ONE_LINE_BREAKERS.matcher(name).replaceAll(" ").strip();
        if (oneLine.isEmpty()) {
            return null;
        }
        if (oneLine.codePointCount(0, oneLine.length()) > MAX_SHOP_NAME) {
            oneLine = oneLine.substring(0, oneLine.offsetByCodePoints(0, MAX_SHOP_NAME)).strip();
        }
        return oneLine;
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
