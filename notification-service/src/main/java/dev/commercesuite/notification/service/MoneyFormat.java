package dev.commercesuite.notification.service;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

import io.quarkus.qute.TemplateExtension;

/**
 * Money in emails: minor units shown with the currency's own number of fraction digits (JPY 0, EUR 2, BHD 3), the
 * ISO code first so no symbol is ambiguous. In templates: {@code {money:format(data.total, data.currency)}}.
 */
@TemplateExtension(namespace = "money")
public final class MoneyFormat {

    private MoneyFormat() {
    }

    public static String format(long minorUnits, String currencyCode) {
        Currency currency = Currency.getInstance(currencyCode);
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        NumberFormat number = NumberFormat.getNumberInstance(Locale.ENGLISH);
        number.setMinimumFractionDigits(digits);
        number.setMaximumFractionDigits(digits);
        return currency.getCurrencyCode() + " " + number.format(BigDecimal.valueOf(minorUnits, digits));
    }

    public static String format(Long minorUnits, String currencyCode) {
        return format(minorUnits.longValue(), currencyCode);
    }
}
