package dev.commercesuite.notification.domain;

import java.util.Arrays;
import java.util.Optional;

import dev.commercesuite.notification.domain.data.AccountExistsData;
import dev.commercesuite.notification.domain.data.AccountLockedData;
import dev.commercesuite.notification.domain.data.NameData;
import dev.commercesuite.notification.domain.data.OrderCancelledData;
import dev.commercesuite.notification.domain.data.OrderConfirmationData;
import dev.commercesuite.notification.domain.data.OrderStatusUpdateData;
import dev.commercesuite.notification.domain.data.TokenLinkData;
import dev.commercesuite.notification.domain.data.WelcomeData;

/**
 * The emails the suite sends, each with the type of data its templates need. The templates are
 * {@code templates/emails/<locale>/<name>.html}, {@code .txt} and {@code -subject.txt}; each declares its data type,
 * so Qute checks every expression at build time.
 */
public enum EmailTemplate {
    WELCOME("welcome", WelcomeData.class),
    VERIFY_EMAIL("verify-email", TokenLinkData.class),
    PASSWORD_RESET("password-reset", TokenLinkData.class),
    PASSWORD_CHANGED("password-changed", NameData.class),
    ACCOUNT_EXISTS("account-exists", AccountExistsData.class),
    ACCOUNT_LOCKED("account-locked", AccountLockedData.class),
    ORDER_CONFIRMATION("order-confirmation", OrderConfirmationData.class),
    ORDER_STATUS_UPDATE("order-status-update", OrderStatusUpdateData.class),
    ORDER_CANCELLED("order-cancelled", OrderCancelledData.class);

    private final String id;
    private final Class<? extends Record> dataType;

    EmailTemplate(String id, Class<? extends Record> dataType) {
        this.id = id;
        this.dataType = dataType;
    }

    /** The name callers use, e.g. {@code verify-email}. */
    public String id() {
        return id;
    }

    public Class<? extends Record> dataType() {
        return dataType;
    }

    public static Optional<EmailTemplate> byId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }
}
